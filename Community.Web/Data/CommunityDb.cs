using Community.Domain.Threads;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Community.Web.Data;

public class CommunityDb(DbContextOptions<CommunityDb> options) : IdentityDbContext<CommunityUser>(options)
{
    public DbSet<Hub> Hubs => Set<Hub>();
    public DbSet<ForumThread> Threads => Set<ForumThread>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<PostRevision> PostRevisions => Set<PostRevision>();
    public DbSet<Kudos> Kudos => Set<Kudos>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot order by DateTimeOffset; all times are UTC, stored as sortable binary ticks.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<CommunityUser>(e => e.Property(u => u.Bio).HasMaxLength(1000));

        b.Entity<Hub>(e =>
        {
            e.ToTable("Hubs");
            e.HasIndex(h => h.Slug).IsUnique();
            e.HasIndex(h => new { h.ParentId, h.SortOrder });
            e.Property(h => h.Slug).HasMaxLength(80);
            e.Property(h => h.Name).HasMaxLength(100);
            e.HasOne<Hub>().WithMany().HasForeignKey(h => h.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ForumThread>(e =>
        {
            e.ToTable("Threads");
            e.Ignore(t => t.TagList);
            e.Property(t => t.Title).HasMaxLength(ThreadRules.MaxTitleLength);
            e.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
            e.Property(t => t.Tags).HasMaxLength(400);
            e.HasOne<Hub>().WithMany().HasForeignKey(t => t.HubId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CommunityUser>().WithMany().HasForeignKey(t => t.AuthorId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(t => new { t.HubId, t.LastActivityAt });
            e.HasIndex(t => new { t.HubId, t.Status, t.LastActivityAt });
            e.HasIndex(t => new { t.AnswerCount, t.LastActivityAt });
            e.HasIndex(t => t.LastActivityAt);
            e.HasIndex(t => t.AuthorId);
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
}
