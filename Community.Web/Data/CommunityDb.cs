using Community.Domain.Crm;
using Community.Domain.Following;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Domain.Outbox;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Features.Search;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Web.Data;

/// <summary>
/// The forum's database. The model is the same on every provider; what differs (how times are stored, how a
/// command's transaction is opened and when it is retried) is overridden by <see cref="SqliteCommunityDb"/> and
/// <see cref="PostgresCommunityDb"/>, each with its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres).
/// </summary>
public abstract class CommunityDb(DbContextOptions options) : IdentityDbContext<CommunityUser>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, shared by every instance (see Infrastructure/Security/SecuritySetup.cs).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Hub> Hubs => Set<Hub>();
    public DbSet<ForumThread> Threads => Set<ForumThread>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<SearchPending> SearchPending => Set<SearchPending>();
    public DbSet<Features.Tags.ThreadTag> ThreadTags => Set<Features.Tags.ThreadTag>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();
    public DbSet<Infrastructure.JobLease> JobLeases => Set<Infrastructure.JobLease>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<Kudos> Kudos => Set<Kudos>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();
    public DbSet<ReputationDaily> ReputationDaily => Set<ReputationDaily>();
    public DbSet<ReputationTotal> ReputationTotals => Set<ReputationTotal>();
    public DbSet<HeroAward> HeroAwards => Set<HeroAward>();
    public DbSet<UserBadge> UserBadges => Set<UserBadge>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ExpertInvitation> ExpertInvitations => Set<ExpertInvitation>();
    public DbSet<ModeratorAlert> ModeratorAlerts => Set<ModeratorAlert>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<Features.Dashboard.ThreadViewsDaily> ThreadViewsDaily => Set<Features.Dashboard.ThreadViewsDaily>();
    public DbSet<Community.Domain.Escalation.Escalation> Escalations => Set<Community.Domain.Escalation.Escalation>();
    public DbSet<HelpdeskKey> HelpdeskKeys => Set<HelpdeskKey>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();
    public DbSet<ThreadWatch> ThreadWatches => Set<ThreadWatch>();
    public DbSet<HubWatch> HubWatches => Set<HubWatch>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<PostMention> PostMentions => Set<PostMention>();
    public DbSet<Features.Following.PostFanOut> PostFanOuts => Set<Features.Following.PostFanOut>();
    public DbSet<Features.Drafts.Draft> Drafts => Set<Features.Drafts.Draft>();
    public DbSet<Features.Uploads.Upload> Uploads => Set<Features.Uploads.Upload>();

    /// <summary>The ids of people in any of <paramref name="roles"/>.</summary>
    public IQueryable<string> UsersInRoles(params string[] roles) =>
        UserRoles.Join(Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).Where(x => roles.Contains(x.Name!)).Select(x => x.UserId);

    /// <summary>A time as a raw SQL parameter, in the column's stored form (SQL written by hand bypasses EF's converters).</summary>
    public abstract object StoredTime(DateTimeOffset at);

    /// <summary>Opens the transaction a command runs in (see Infrastructure/Behaviours.cs).</summary>
    public abstract Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginCommandTransactionAsync(CancellationToken ct);

    /// <summary>Whether <paramref name="e"/> is a unique key refusing a second row (two requests racing for the same name, link or escalation).</summary>
    public abstract bool IsUniqueViolation(Exception e);

    /// <summary>
    /// A turn among this process's commands to wait for the database's write turn (<see cref="BeginCommandTransactionAsync"/>),
    /// so a burst of writes cannot take every pooled connection away from page reads. Disposed when the command ends.
    /// </summary>
    public abstract Task<IDisposable> WaitForWriteTurnAsync(CancellationToken ct);

    /// <summary>Holds the start-up lock (migrations, roles, demo content) until disposed, so instances starting together set up once.</summary>
    public abstract Task<IAsyncDisposable> LockForSetupAsync(CancellationToken ct);

    /// <summary>Whether <paramref name="e"/> only says that a concurrent transaction won, so running the command again may succeed.</summary>
    public abstract bool IsConcurrencyConflict(Exception e);

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<CommunityUser>(e =>
        {
            e.Property(u => u.Bio).HasMaxLength(1000);
            e.Property(u => u.Title).HasMaxLength(60);
            e.Property(u => u.SuspensionReason).HasMaxLength(500);
            e.Property(u => u.UnsubscribeToken).HasMaxLength(64);
            e.Property(u => u.Language).HasMaxLength(10);
            e.Property(u => u.AvatarKey).HasMaxLength(64);
            e.HasIndex(u => u.Reputation);
            // Identity only checks uniqueness before inserting; the index makes it hold when two sign-ups race.
            e.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        });

        b.Entity<LedgerEntry>(e =>
        {
            e.ToTable("Ledger");
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => new { l.UserId, l.Day });
            e.HasIndex(l => new { l.PostId, l.SourceUserId });
            e.HasIndex(l => l.Day);
        });
        b.Entity<ReputationDaily>(e =>
        {
            e.ToTable("ReputationDaily");
            e.HasKey(r => new { r.HubId, r.Day, r.UserId });
            e.HasIndex(r => new { r.UserId, r.Day });
        });
        b.Entity<ReputationTotal>(e =>
        {
            e.ToTable("ReputationTotals");
            e.HasKey(r => new { r.HubId, r.UserId });
            e.HasIndex(r => new { r.HubId, r.Points });
        });
        b.Entity<HeroAward>(e =>
        {
            e.ToTable("HeroAwards");
            // The key is what makes "awarded exactly once per month" hold across restarts and instances.
            e.HasKey(h => new { h.Month, h.HubId });
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<UserBadge>(e =>
        {
            e.ToTable("UserBadges");
            e.HasKey(x => new { x.UserId, x.Badge });
            e.Property(x => x.Badge).HasMaxLength(120);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.Property(n => n.ActorName).HasMaxLength(256);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
            e.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
            e.Property(n => n.Template).HasMaxLength(500);
            e.Property(n => n.Url).HasMaxLength(500);
        });
        b.Entity<ThreadWatch>(e =>
        {
            e.ToTable("ThreadWatches");
            e.HasKey(w => new { w.ThreadId, w.UserId });
            e.HasIndex(w => new { w.UserId, w.At });
            e.HasOne<ForumThread>().WithMany().HasForeignKey(w => w.ThreadId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<HubWatch>(e =>
        {
            e.ToTable("HubWatches");
            e.HasKey(w => new { w.HubId, w.UserId });
            e.HasIndex(w => w.UserId);
            e.HasOne<Hub>().WithMany().HasForeignKey(w => w.HubId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Bookmark>(e =>
        {
            e.ToTable("Bookmarks");
            e.HasKey(x => new { x.UserId, x.ThreadId });
            e.HasIndex(x => new { x.UserId, x.At });
            e.HasOne<ForumThread>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Features.Following.PostFanOut>(e =>
        {
            e.ToTable("PostFanOuts");
            e.Property(f => f.ActorName).HasMaxLength(256);
            e.Property(f => f.AfterUserId).HasMaxLength(450);
        });
        b.Entity<PostMention>(e =>
        {
            e.ToTable("PostMentions");
            e.HasKey(x => new { x.PostId, x.UserId });
            e.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Features.Drafts.Draft>(e =>
        {
            e.ToTable("Drafts");
            e.HasKey(d => new { d.UserId, d.Key });
            e.Property(d => d.Key).HasMaxLength(Features.Drafts.Draft.MaxKeyLength);
            e.Property(d => d.Title).HasMaxLength(ThreadRules.MaxTitleLength);
            e.Property(d => d.Body).HasMaxLength(ThreadRules.MaxBodyLength);
            e.Property(d => d.Tags).HasMaxLength(300);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Features.Uploads.Upload>(e =>
        {
            e.ToTable("Uploads");
            e.HasIndex(u => u.Key).IsUnique();
            e.Property(u => u.Key).HasMaxLength(64);
            e.HasIndex(u => new { u.UserId, u.CreatedAt });
            e.HasIndex(u => new { u.UsedAt, u.CreatedAt });
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ExpertInvitation>(e =>
        {
            e.ToTable("ExpertInvitations");
            e.HasKey(x => new { x.ThreadId, x.ExpertId });
            e.HasOne<ForumThread>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(x => x.ExpertId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ExpertId, x.At });
            e.HasIndex(x => new { x.InvitedById, x.At });
        });
        b.Entity<ModeratorAlert>(e =>
        {
            e.ToTable("ModeratorAlerts");
            e.HasIndex(a => new { a.Kind, a.UserId, a.OtherUserId, a.Day }).IsUnique();
            e.HasIndex(a => a.CreatedAt);
            e.Property(a => a.Detail).HasMaxLength(500);
        });

        b.Entity<Features.Dashboard.ThreadViewsDaily>(e =>
        {
            e.ToTable("ThreadViewsDaily");
            e.HasKey(v => new { v.ThreadId, v.Day });
            e.HasIndex(v => new { v.Day, v.HubId });
        });
        b.Entity<OutgoingMail>(e =>
        {
            e.ToTable("OutgoingMails");
            OutboxColumns(e);
            e.HasIndex(m => new { m.UserId, m.CreatedAt });
            e.Property(m => m.ToAddress).HasMaxLength(256);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
        });
        b.Entity<Flag>(e =>
        {
            e.ToTable("Flags");
            e.HasOne<Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
            // One flag per member and post, also when the same flag is sent twice at once.
            e.HasIndex(f => new { f.PostId, f.UserId }).IsUnique();
            e.HasIndex(f => new { f.ResolvedAt, f.CreatedAt });
            e.Property(f => f.Note).HasMaxLength(Flag.MaxNoteLength);
            e.Property(f => f.Outcome).HasMaxLength(40);
            e.Ignore(f => f.IsOpen);
        });
        b.Entity<Community.Domain.Escalation.Escalation>(e =>
        {
            e.ToTable("Escalations");
            e.HasOne<ForumThread>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(x => x.EscalatedById).OnDelete(DeleteBehavior.Restrict);
            // One open escalation per thread, also when two moderators click at once.
            e.HasIndex(x => x.ThreadId).IsUnique().HasFilter("\"Status\" <> 2").HasDatabaseName("IX_Escalations_OpenThread");
            e.HasIndex(x => new { x.Status, x.EscalatedAt });
            e.Property(x => x.Note).HasMaxLength(Community.Domain.Escalation.Escalation.MaxNoteLength);
            e.Property(x => x.TicketRef).HasMaxLength(Community.Domain.Escalation.Escalation.MaxTicketRefLength);
            e.Ignore(x => x.IsOpen);
        });
        b.Entity<HelpdeskKey>(e =>
        {
            e.ToTable("HelpdeskKeys");
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Scopes).HasMaxLength(200);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(k => k.AnswerAsUserId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditLog");
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(a => a.ActorLabel).HasMaxLength(120);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.ThreadId, a.At });
            e.HasIndex(a => new { a.TargetUserId, a.At });
            e.Property(a => a.Reason).HasMaxLength(ModerationRules.MaxReasonLength);
            e.Property(a => a.Detail).HasMaxLength(1000);
        });
        b.Entity<CustomerLink>(e =>
        {
            e.ToTable("CustomerLinks");
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
            e.Property(l => l.CustomerNumber).HasMaxLength(64);
            e.Property(l => l.ConsentVersion).HasMaxLength(40);
            e.Property(l => l.ConsentText).HasMaxLength(4000);
            e.Ignore(l => l.IsActive);
            // One active link per person and per customer number, also when two requests race; old links stay as the consent record.
            e.HasIndex(l => l.UserId).IsUnique().HasFilter("\"UnlinkedAt\" IS NULL").HasDatabaseName("IX_CustomerLinks_ActiveUser");
            e.HasIndex(l => l.CustomerNumber).IsUnique().HasFilter("\"UnlinkedAt\" IS NULL").HasDatabaseName("IX_CustomerLinks_ActiveNumber");
            e.HasIndex(l => new { l.UserId, l.ConsentedAt });
        });
        b.Entity<WebhookEndpoint>(e =>
        {
            e.ToTable("WebhookEndpoints");
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Description).HasMaxLength(200);
            e.Property(x => x.EventTypes).HasMaxLength(500);
            // Encrypted with the key ring (SecretProtector), so longer than the secret itself.
            e.Property(x => x.Secret).HasMaxLength(1000);
            e.Property(x => x.PreviousSecret).HasMaxLength(1000);
            e.Ignore(x => x.EventTypeList);
        });
        b.Entity<OutboxEvent>(e =>
        {
            e.ToTable("OutboxEvents");
            e.HasIndex(x => x.EventId).IsUnique();
            e.HasIndex(x => new { x.Type, x.CreatedAt });
            e.Property(x => x.EventId).HasMaxLength(40);
            e.Property(x => x.Type).HasMaxLength(60);
        });
        b.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("WebhookDeliveries");
            e.HasOne<OutboxEvent>().WithMany().HasForeignKey(d => d.OutboxEventId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            OutboxColumns(e);
            e.HasIndex(d => new { d.EndpointId, d.Status, d.Id });
            // The claim's ordering check: is an earlier message of this person to this endpoint still undelivered?
            e.HasIndex(d => new { d.EndpointId, d.OrderingKey, d.Status });
            e.HasIndex(d => d.OutboxEventId);
        });
        b.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("DeliveryAttempts");
            e.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(a => new { a.DeliveryId, a.At });
            e.Property(a => a.Error).HasMaxLength(600);
        });

        b.Entity<Hub>(e =>
        {
            e.ToTable("Hubs");
            e.HasIndex(h => h.Slug).IsUnique();
            e.HasIndex(h => new { h.ParentId, h.SortOrder });
            e.Property(h => h.Slug).HasMaxLength(80);
            e.Property(h => h.Name).HasMaxLength(100);
            e.Property(h => h.NameDe).HasMaxLength(100);
            e.HasOne<Hub>().WithMany().HasForeignKey(h => h.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Features.Tags.ThreadTag>(e =>
        {
            e.ToTable("ThreadTags");
            // The key is the tag page's index: one tag's threads, newest (highest id) first.
            e.HasKey(x => new { x.Tag, x.ThreadId });
            e.Property(x => x.Tag).HasMaxLength(Community.Domain.Threads.ThreadRules.MaxTagLength);
            e.HasOne<ForumThread>().WithMany().HasForeignKey(x => x.ThreadId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<SearchPending>(e =>
        {
            e.ToTable("SearchPending");
            e.HasKey(p => p.ThreadId);
            e.Property(p => p.ThreadId).ValueGeneratedNever();
        });

        b.Entity<Infrastructure.JobLease>(e =>
        {
            e.ToTable("JobLeases");
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(100);
            e.Property(l => l.Owner).HasMaxLength(200);
        });

        b.Entity<SearchWord>(e =>
        {
            e.ToTable("SearchWords");
            e.HasKey(w => w.Word);
            e.Property(w => w.Word).HasMaxLength(100);
        });

        b.Entity<ForumThread>(e =>
        {
            e.ToTable("Threads");
            e.Ignore(t => t.TagList);
            // Hidden threads are gone everywhere; moderator views and moderation commands ask IgnoreQueryFilters().
            e.HasQueryFilter(t => !t.IsHidden);
            e.Property(t => t.Title).HasMaxLength(ThreadRules.MaxTitleLength);
            e.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
            e.Property(t => t.Tags).HasMaxLength(400);
            e.HasOne<Hub>().WithMany().HasForeignKey(t => t.HubId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(t => t.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.HubId, t.LastActivityAt });
            e.HasIndex(t => new { t.HubId, t.Status, t.LastActivityAt });
            e.HasIndex(t => new { t.AnswerCount, t.LastActivityAt });
            e.HasIndex(t => new { t.HubId, t.AnswerCount, t.LastActivityAt });
            e.HasIndex(t => t.LastActivityAt);
            // A profile lists a person's questions, newest first.
            e.HasIndex(t => new { t.AuthorId, t.CreatedAt });
            // The unresolved queue reads open threads oldest first.
            e.HasIndex(t => new { t.Status, t.CreatedAt });
            // A search's "since" filter finds the first thread of a day.
            e.HasIndex(t => t.CreatedAt);
        });

        b.Entity<Post>(e =>
        {
            e.ToTable("Posts");
            e.HasOne<ForumThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.ThreadId, p.IsQuestion, p.KudosCount, p.CreatedAt });
            e.HasIndex(p => new { p.AuthorId, p.CreatedAt });
        });

        b.Entity<PostRevision>(e =>
        {
            e.ToTable("PostRevisions");
            e.HasOne<Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.PostId, r.EditedAt });
            e.Property(r => r.Reason).HasMaxLength(500);
        });

        b.Entity<Kudos>(e =>
        {
            e.ToTable("Kudos");
            // The key makes "one kudos per person and post" hold even when two requests race.
            e.HasKey(k => new { k.PostId, k.UserId });
            e.HasOne<Post>().WithMany().HasForeignKey(k => k.PostId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(k => k.UserId);
        });

        b.Entity<ApiToken>(e =>
        {
            e.ToTable("ApiTokens");
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>The lease, retry and ordering columns every outbox channel shares (Domain/Outbox/OutboxDelivery.cs).</summary>
    private static void OutboxColumns<T>(EntityTypeBuilder<T> e) where T : OutboxDelivery
    {
        // The dispatcher's claim reads pending rows by due time, then reads back what its claim took.
        e.HasIndex(d => new { d.Status, d.NextAttemptAt });
        e.HasIndex(d => d.LeaseOwner);
        e.Property(d => d.LeaseOwner).HasMaxLength(200);
        e.Property(d => d.OrderingKey).HasMaxLength(100);
        e.Property(d => d.LastError).HasMaxLength(OutboxDelivery.MaxErrorLength);
    }

}
