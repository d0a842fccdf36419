using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

/// <summary>Shared by the moderator actions: the audit line, the author's notification, resolving flags.</summary>
public sealed class ModerationDesk(CommunityDb db, Notifier notifier, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public static void EnsureModerator(Actor actor)
    {
        if (!actor.IsModerator) throw new ForbiddenException("Only moderators can do that.");
    }

    public void Audit(Actor actor, ModerationAction action, string? reason, int? threadId = null, int? postId = null, string? targetUserId = null, string detail = "") =>
        db.AuditLog.Add(new AuditEntry
        {
            At = Now, ActorId = actor.UserId, Action = action, ThreadId = threadId, PostId = postId, TargetUserId = targetUserId,
            Reason = reason?.Trim() ?? "", Detail = detail.Length > 1000 ? detail[..1000] : detail,
        });

    /// <summary>Tells the author what a moderator did, in the app and (if they want it) by mail; every message names what it is about.</summary>
    public Task NotifyAsync(string userId, string url, string template, object[] arguments, CancellationToken ct) =>
        arguments.Length == 0
            ? throw new ArgumentException("A moderation message names what it is about.", nameof(arguments))
            : notifier.NotifyAsync(new Notification { UserId = userId, Kind = NotificationKind.Moderation, Url = url, CreatedAt = Now }.Saying(template, arguments), ct);

    public Task ResolveFlagsAsync(int postId, Actor actor, string outcome, CancellationToken ct) =>
        db.Flags.Where(f => f.PostId == postId && f.ResolvedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.ResolvedAt, Now).SetProperty(f => f.ResolvedById, actor.UserId).SetProperty(f => f.Outcome, outcome), ct);

    /// <summary>The first visible answer's time: hiding the only answer makes the thread unanswered again (for the SLA).</summary>
    public async Task RecomputeFirstAnswerAsync(ForumThread thread, CancellationToken ct) =>
        thread.RecomputeFirstAnswer(await db.Posts.Where(p => p.ThreadId == thread.Id && !p.IsQuestion && !p.IsHidden)
            .OrderBy(p => p.CreatedAt).Select(p => (DateTimeOffset?)p.CreatedAt).FirstOrDefaultAsync(ct));

    /// <summary>Moderation commands see hidden threads too.</summary>
    public async Task<(Post Post, ForumThread Thread)> LoadPostAsync(int postId, CancellationToken ct)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw new NotFoundException(UiMessage.Saying("Post {0} does not exist.", postId));
        var thread = await db.Threads.IgnoreQueryFilters().FirstAsync(t => t.Id == post.ThreadId, ct);
        return (post, thread);
    }

    public async Task<ForumThread> LoadThreadAsync(int threadId, CancellationToken ct) =>
        await db.Threads.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == threadId, ct) ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", threadId));

    public static string Url(ForumThread t, int? postId = null) => Urls.Thread(t.Id, t.Slug, postId);
}
