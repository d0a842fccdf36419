using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

/// <summary>A member with the flag privilege asks moderators to look at a post.</summary>
public static class FlagPost
{
    public sealed record Command(Actor Actor, int PostId, FlagReason? Reason, string? Note) : ICommand, IValidate, IRateLimited
    {
        string IRateLimited.RateLimitPolicy => RateLimitPolicies.Flags;
        string IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (Reason is null || !Enum.IsDefined(Reason.Value)) yield return ("Reason", "Choose why the post needs a moderator's look.");
            if ((Note?.Trim().Length ?? 0) > Flag.MaxNoteLength) yield return ("Note", $"The note must be at most {Flag.MaxNoteLength} characters long.");
        }
    }

    public sealed class Handler(CommunityDb db, RankLadder ranks, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == cmd.PostId && !p.IsHidden && db.Threads.Any(t => t.Id == p.ThreadId), ct)
                ?? throw new NotFoundException($"Post {cmd.PostId} does not exist.");
            var reputation = await db.Users.Where(u => u.Id == cmd.Actor.UserId).Select(u => u.Reputation).FirstAsync(ct);
            ranks.Ensure(reputation, cmd.Actor.IsModerator, Privilege.FlagPosts);
            var flag = Flag.Raise(post.Id, post.AuthorId, cmd.Actor.UserId, cmd.Reason!.Value, cmd.Note, clock.GetUtcNow());
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO Flags (PostId, UserId, Reason, Note, CreatedAt) VALUES ({flag.PostId}, {flag.UserId}, {(int)flag.Reason}, {flag.Note}, {ReputationBook.StoredTime(flag.CreatedAt)})
                ON CONFLICT (PostId, UserId) DO NOTHING
                """, ct);
            if (inserted == 0) throw new DomainException("You have already flagged this post.");
            return Unit.Value;
        }
    }
}

/// <summary>Shared by the moderator actions: the audit line, the author's notification, resolving flags.</summary>
public sealed class ModerationDesk(CommunityDb db, TimeProvider clock)
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

    /// <summary>Every moderation message names what it is about, so at least one argument (an old text-first call cannot bind).</summary>
    public void Notify(string userId, string url, string template, object about, params object[] more) =>
        db.Notifications.Add(new Notification { UserId = userId, Kind = NotificationKind.Moderation, Url = url, CreatedAt = Now }.Saying(template, [about, .. more]));

    public Task ResolveFlagsAsync(int postId, Actor actor, string outcome, CancellationToken ct) =>
        db.Flags.Where(f => f.PostId == postId && f.ResolvedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.ResolvedAt, Now).SetProperty(f => f.ResolvedById, actor.UserId).SetProperty(f => f.Outcome, outcome), ct);

    /// <summary>The first visible answer's time: hiding the only answer makes the thread unanswered again (for the SLA).</summary>
    public async Task RecomputeFirstAnswerAsync(ForumThread thread, CancellationToken ct) =>
        thread.FirstAnswerAt = await db.Posts.Where(p => p.ThreadId == thread.Id && !p.IsQuestion && !p.IsHidden)
            .OrderBy(p => p.CreatedAt).Select(p => (DateTimeOffset?)p.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>Moderation commands see hidden threads too.</summary>
    public async Task<(Post Post, ForumThread Thread)> LoadPostAsync(int postId, CancellationToken ct)
    {
        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw new NotFoundException($"Post {postId} does not exist.");
        var thread = await db.Threads.IgnoreQueryFilters().FirstAsync(t => t.Id == post.ThreadId, ct);
        return (post, thread);
    }

    public async Task<ForumThread> LoadThreadAsync(int threadId, CancellationToken ct) =>
        await db.Threads.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Id == threadId, ct) ?? throw new NotFoundException($"Thread {threadId} does not exist.");

    public static string Url(ForumThread t, int? postId = null) => Urls.Thread(t.Id, t.Slug, postId);
}

/// <summary>
/// Hides a post (as spam, too): gone for the public and the search index, kept for moderators. What it earned is
/// reversed; spam also costs its author the spam penalty. Hiding the question hides the thread.
/// </summary>
public static class HidePost
{
    public sealed record Command(Actor Actor, int PostId, string? Reason, bool AsSpam) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: !AsSpam) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, ModerationDesk desk, ReputationBook book) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            post.Hide();
            var solutionLost = thread.OnPostHidden(post);
            await db.SaveChangesAsync(ct);
            await desk.RecomputeFirstAnswerAsync(thread, ct);
            if (cmd.AsSpam) await book.OnSpamAsync(post, thread.HubId, desk.Now, ct);
            else await book.ReverseAllForPostAsync(post, thread.HubId, desk.Now, ct);
            var reason = string.IsNullOrWhiteSpace(cmd.Reason) ? "Spam" : cmd.Reason.Trim();
            desk.Audit(cmd.Actor, cmd.AsSpam ? ModerationAction.MarkSpam : ModerationAction.HidePost, reason, thread.Id, post.Id, post.AuthorId,
                (post.IsQuestion ? "question; thread hidden" : "answer") + (solutionLost ? "; it was the accepted solution" : ""));
            await desk.ResolveFlagsAsync(post.Id, cmd.Actor, cmd.AsSpam ? "spam" : "hidden", ct);
            desk.Notify(post.AuthorId, ModerationDesk.Url(thread),
                cmd.AsSpam ? "A moderator removed your post as spam in \"{0}\". Reason: {1}" : "A moderator hid your post in \"{0}\". Reason: {1}", thread.Title, reason);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class UnhidePost
{
    public sealed record Command(Actor Actor, int PostId, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, ModerationDesk desk, ReputationBook book) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            post.Unhide();
            thread.OnPostUnhidden(post);
            await db.SaveChangesAsync(ct);
            await desk.RecomputeFirstAnswerAsync(thread, ct);
            await book.OnPostRestoredAsync(post, thread.HubId, desk.Now, ct);
            desk.Audit(cmd.Actor, ModerationAction.UnhidePost, cmd.Reason, thread.Id, post.Id, post.AuthorId);
            desk.Notify(post.AuthorId, ModerationDesk.Url(thread, post.Id), "A moderator restored your post in \"{0}\".", thread.Title);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class DismissFlags
{
    public sealed record Command(Actor Actor, int PostId, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            await desk.ResolveFlagsAsync(post.Id, cmd.Actor, "dismissed", ct);
            desk.Audit(cmd.Actor, ModerationAction.DismissFlags, cmd.Reason, thread.Id, post.Id, post.AuthorId);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class LockThread
{
    public sealed record Command(Actor Actor, int ThreadId, bool Locked, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await desk.LoadThreadAsync(cmd.ThreadId, ct);
            if (thread.IsLocked == cmd.Locked) throw new DomainException(cmd.Locked ? "The thread is already locked." : "The thread is not locked.");
            thread.Lock(cmd.Locked);
            desk.Audit(cmd.Actor, cmd.Locked ? ModerationAction.LockThread : ModerationAction.UnlockThread, cmd.Reason, thread.Id, targetUserId: thread.AuthorId);
            if (string.IsNullOrWhiteSpace(cmd.Reason))
                desk.Notify(thread.AuthorId, ModerationDesk.Url(thread),
                    cmd.Locked ? "A moderator locked your thread \"{0}\"." : "A moderator unlocked your thread \"{0}\".", thread.Title);
            else
                desk.Notify(thread.AuthorId, ModerationDesk.Url(thread),
                    cmd.Locked ? "A moderator locked your thread \"{0}\". Reason: {1}" : "A moderator unlocked your thread \"{0}\". Reason: {1}", thread.Title, cmd.Reason.Trim());
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class MoveThread
{
    public sealed record Command(Actor Actor, int ThreadId, string? HubSlug, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(HubSlug)) yield return ("HubSlug", "Choose the hub to move the thread to.");
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    /// <summary>Moves the thread; points already earned stay where they were booked (the ledger is history).</summary>
    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await desk.LoadThreadAsync(cmd.ThreadId, ct);
            var hub = await db.Hubs.FirstOrDefaultAsync(h => h.Slug == cmd.HubSlug, ct)
                ?? throw ValidationFailedException.For("HubSlug", "That hub does not exist.");
            var from = await db.Hubs.Where(h => h.Id == thread.HubId).Select(h => h.Name).FirstAsync(ct);
            thread.MoveTo(hub.Id);
            desk.Audit(cmd.Actor, ModerationAction.MoveThread, cmd.Reason, thread.Id, targetUserId: thread.AuthorId, detail: $"{from} → {hub.Name}");
            desk.Notify(thread.AuthorId, ModerationDesk.Url(thread), "A moderator moved your thread \"{0}\" to {1}.", thread.Title, hub.Name);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class SuspendUser
{
    /// <summary>Days 0 lifts a suspension.</summary>
    public sealed record Command(Actor Actor, string UserName, int Days, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (Days != 0 && ModerationRules.CheckSuspensionDays(Days) is { } d) yield return ("Days", d);
            if (ModerationRules.CheckReason(Reason, required: Days != 0) is { } e) yield return ("Reason", e);
        }
    }

    /// <summary>Enforced as an Identity lockout (no login, no API token) and a new security stamp (open sessions end).</summary>
    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == cmd.UserName, ct) ?? throw new NotFoundException("That person does not exist.");
            if (user.Id == cmd.Actor.UserId) throw new DomainException("You cannot suspend yourself.");
            var isStaff = await db.UsersInRoles(Roles.All).ContainsAsync(user.Id, ct);
            if (isStaff) throw new ForbiddenException("Staff accounts cannot be suspended by moderators; an admin removes the role first.");
            if (cmd.Days == 0)
            {
                if (!user.IsSuspendedAt(desk.Now)) throw DomainException.Saying("{0} is not suspended.", user.UserName!);
                user.SuspendedUntil = null;
                user.SuspensionReason = null;
                user.LockoutEnd = null;
                desk.Audit(cmd.Actor, ModerationAction.UnsuspendUser, cmd.Reason, targetUserId: user.Id);
            }
            else
            {
                var until = ModerationRules.SuspendedUntil(desk.Now, cmd.Days);
                user.SuspendedUntil = until;
                user.SuspensionReason = cmd.Reason!.Trim();
                user.LockoutEnabled = true;
                user.LockoutEnd = until;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                desk.Audit(cmd.Actor, ModerationAction.SuspendUser, cmd.Reason, targetUserId: user.Id, detail: $"{cmd.Days} days, until {until:yyyy-MM-dd HH:mm} UTC");
                desk.Notify(user.Id, "/", "Your account is suspended until {0}. Reason: {1}", new UiTime(until), cmd.Reason!.Trim());
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class SuspensionOf
{
    public sealed record Model(DateTimeOffset Until, string Reason);

    public sealed record Query(string UserId, DateTimeOffset Now) : IQuery<Model?>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var s = await db.Users.AsNoTracking().Where(u => u.Id == q.UserId).Select(u => new { u.SuspendedUntil, u.SuspensionReason }).FirstOrDefaultAsync(ct);
            return s?.SuspendedUntil is { } until && until > q.Now ? new Model(until, s.SuspensionReason ?? "") : null;
        }
    }
}
