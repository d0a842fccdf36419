using Community.Domain.Outbox;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Privacy;

/// <summary>Everything the community stores about a person, as one JSON document (GDPR Art. 15 and 20).</summary>
public static class ExportMyData
{
    public sealed record Query(string UserId) : IQuery<object>;

    public sealed class Handler(CommunityDb db, UserManager<CommunityUser> users, TimeProvider clock) : IQueryHandler<Query, object>
    {
        public async ValueTask<object> Handle(Query q, CancellationToken ct)
        {
            var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == q.UserId, ct);
            var roles = await users.GetRolesAsync(user);
            return new
            {
                exportedAt = clock.GetUtcNow(),
                profile = new
                {
                    user.Id, name = user.UserName, user.Email, user.EmailConfirmed, user.JoinedAt, user.Bio, user.Title, user.Reputation, roles,
                    mailPreference = user.MailPreference.ToString(), user.Language, user.SuspendedUntil, user.SuspensionReason,
                },
                posts = await db.Posts.AsNoTracking().Where(p => p.AuthorId == q.UserId).OrderBy(p => p.Id)
                    .Join(db.Threads.IgnoreQueryFilters(), p => p.ThreadId, t => t.Id, (p, t) => new
                    {
                        p.Id, threadId = t.Id, threadTitle = t.Title, url = Urls.Post(t.Id, t.Slug, p.Id), p.IsQuestion, markdown = p.BodyMarkdown,
                        p.CreatedAt, p.EditedAt, p.KudosCount, p.IsHidden,
                    }).ToListAsync(ct),
                edits = await db.PostRevisions.AsNoTracking().Where(r => r.EditorId == q.UserId).OrderBy(r => r.Id)
                    .Select(r => new { r.PostId, previousMarkdown = r.BodyMarkdown, r.Title, r.Reason, r.EditedAt }).ToListAsync(ct),
                kudosGiven = await db.Kudos.AsNoTracking().Where(k => k.UserId == q.UserId).Select(k => new { k.PostId, k.GivenAt }).ToListAsync(ct),
                ledger = await db.Ledger.AsNoTracking().Where(l => l.UserId == q.UserId).OrderBy(l => l.Id)
                    .Select(l => new { l.Id, l.Points, reason = l.Reason.ToString(), l.PostId, l.ThreadId, l.HubId, l.At }).ToListAsync(ct),
                badges = await db.UserBadges.AsNoTracking().Where(b => b.UserId == q.UserId).Select(b => new { b.Badge, b.AwardedAt }).ToListAsync(ct),
                consents = await db.CustomerLinks.AsNoTracking().Where(l => l.UserId == q.UserId).OrderBy(l => l.Id)
                    .Select(l => new { l.CustomerNumber, l.ConsentVersion, l.ConsentText, l.ConsentedAt, l.UnlinkedAt, l.CreditedPoints }).ToListAsync(ct),
                notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == q.UserId).OrderBy(n => n.Id)
                    .Select(n => new { kind = n.Kind.ToString(), n.Text, n.Url, n.CreatedAt, n.ReadAt }).ToListAsync(ct),
                flagsRaised = await db.Flags.AsNoTracking().Where(f => f.UserId == q.UserId)
                    .Select(f => new { f.PostId, reason = f.Reason.ToString(), f.Note, f.CreatedAt, f.Outcome }).ToListAsync(ct),
                apiTokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == q.UserId)
                    .Select(t => new { t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).ToListAsync(ct),
                security = new { twoFactorEnabled = user.TwoFactorEnabled, recoveryCodesLeft = await users.CountRecoveryCodesAsync(user), user.AccessFailedCount, user.LockoutEnd },
                versionsOfMyPosts = await db.PostRevisions.AsNoTracking().Where(r => db.Posts.Any(p => p.Id == r.PostId && p.AuthorId == q.UserId)).OrderBy(r => r.Id)
                    .Select(r => new { r.PostId, previousMarkdown = r.BodyMarkdown, r.Title, r.Reason, r.EditedAt, r.RedactedAt }).ToListAsync(ct),
                invitationsReceived = await db.ExpertInvitations.AsNoTracking().Where(i => i.ExpertId == q.UserId).Select(i => new { i.ThreadId, i.At }).ToListAsync(ct),
                invitationsSent = await db.ExpertInvitations.AsNoTracking().Where(i => i.InvitedById == q.UserId).Select(i => new { i.ThreadId, i.At }).ToListAsync(ct),
                escalationsRaised = await db.Escalations.AsNoTracking().Where(e => e.EscalatedById == q.UserId)
                    .Select(e => new { e.ThreadId, e.Note, priority = e.Priority.ToString(), status = e.Status.ToString(), e.TicketRef, e.EscalatedAt, e.ResolvedAt }).ToListAsync(ct),
                escalationsOfMyQuestions = await db.Escalations.AsNoTracking().Where(e => db.Threads.Any(t => t.Id == e.ThreadId && t.AuthorId == q.UserId))
                    .Select(e => new { e.ThreadId, status = e.Status.ToString(), e.TicketRef, e.EscalatedAt, e.ResolvedAt }).ToListAsync(ct),
                moderationAboutMe = await db.AuditLog.AsNoTracking().Where(a => a.TargetUserId == q.UserId).OrderBy(a => a.Id)
                    .Select(a => new { a.At, action = a.Action.ToString(), a.ThreadId, a.PostId, a.Reason }).ToListAsync(ct),
                moderationByMe = await db.AuditLog.AsNoTracking().Where(a => a.ActorId == q.UserId).OrderBy(a => a.Id)
                    .Select(a => new { a.At, action = a.Action.ToString(), a.ThreadId, a.PostId, a.Reason }).ToListAsync(ct),
                moderatorAlerts = await db.ModeratorAlerts.AsNoTracking().Where(a => a.UserId == q.UserId || a.OtherUserId == q.UserId)
                    .Select(a => new { kind = a.Kind.ToString(), a.Detail, a.CreatedAt }).ToListAsync(ct),
                heroAwards = await db.HeroAwards.AsNoTracking().Where(h => h.UserId == q.UserId)
                    .Select(h => new { h.Month, h.HubId, h.Points, h.Solutions, h.AwardedAt }).ToListAsync(ct),
                queuedMail = await db.OutgoingMails.AsNoTracking().Where(m => m.UserId == q.UserId).OrderBy(m => m.Id)
                    .Select(m => new
                    {
                        m.ToAddress, m.Subject, attempts = m.TotalAttempts, m.NextAttemptAt,
                        // In a person's words: sent, given up, or waiting.
                        status = m.Status == DeliveryStatus.Delivered ? "Sent" : m.Status == DeliveryStatus.DeadLettered ? "Failed" : "Pending",
                    }).ToListAsync(ct),
                // What was sent, or waits to be sent, to the CRM about this person (credits, links), with delivery status.
                crmEvents = await db.OutboxEvents.AsNoTracking().Where(e => e.Payload.Contains(q.UserId)).OrderBy(e => e.Id)
                    .Select(e => new { e.EventId, e.Type, e.CreatedAt, payload = e.Payload }).ToListAsync(ct),
            };
        }
    }
}
