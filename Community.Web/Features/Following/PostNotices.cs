using Community.Domain;
using Community.Domain.Following;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Following;

/// <summary>The @names in a text that belong to someone: for the renderer (name as typed → account name) and for notifying (ids).</summary>
public sealed record Mentioned(IReadOnlyDictionary<string, string> Links, IReadOnlyList<string> UserIds)
{
    public static readonly Mentioned None = new(new Dictionary<string, string>(), []);
}

/// <summary>
/// Who hears of a new or edited post. In the command's transaction: the people it mentions (once each,
/// <see cref="MentionRules"/>) and the asker (<see cref="Audience"/>). Those watching the thread or its hub, who may be
/// hundreds or thousands, are told just after the commit in steps (<see cref="PostFanOut"/>): the post only leaves a
/// row for each. Asking or answering watches the thread automatically. Handlers call it after the post has its id.
/// </summary>
public sealed class PostNotices(CommunityDb db, Notifier notifier, MarkdownRenderer markdown, Live.LiveUpdates live, AfterCommit afterCommit, FanOutBell bell)
{
    /// <summary>At most this many distinct @names are looked up per text.</summary>
    public const int MaxLookups = 50;

    public async Task<Mentioned> ResolveAsync(string body, CancellationToken ct)
    {
        var names = markdown.MentionedNames(body).Take(MaxLookups).ToList();
        if (names.Count == 0) return Mentioned.None;
        var normalized = names.Select(n => n.ToUpperInvariant()).ToList();
        var people = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!) && u.DeletedAt == null)
            .Select(u => new { u.Id, u.UserName, u.NormalizedUserName }).ToListAsync(ct);
        var byName = people.ToDictionary(p => p.NormalizedUserName!, StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ids = new List<string>();
        foreach (var name in names)
            if (byName.TryGetValue(name.ToUpperInvariant(), out var p))
            {
                links[name] = p.UserName!;
                ids.Add(p.Id);
            }
        return new Mentioned(links, ids.Distinct().ToList());
    }

    public async Task AfterQuestionAsync(ForumThread thread, Post question, string askerName, Mentioned mentioned, CancellationToken ct)
    {
        await WatchAutomaticallyAsync(thread.Id, question.AuthorId, question.CreatedAt, ct);
        await TellMentionedAsync(thread, question, askerName, mentioned, ct);
        await TellLaterAsync(FanOutAudience.HubFollowers, thread, question, askerName, ct);
    }

    /// <param name="answererName">Null for an official answer: it is told as the support team's.</param>
    public async Task AfterAnswerAsync(ForumThread thread, Post answer, string? answererName, Mentioned mentioned, CancellationToken ct)
    {
        await WatchAutomaticallyAsync(thread.Id, answer.AuthorId, answer.CreatedAt, ct);
        live.AnswerAdded(thread.Id, answer.Id);
        var told = await TellMentionedAsync(thread, answer, answererName, mentioned, ct);
        var askerLevel = await db.ThreadWatches.Where(w => w.ThreadId == thread.Id && w.UserId == thread.AuthorId).Select(w => (WatchLevel?)w.Level).FirstOrDefaultAsync(ct);
        await notifier.NotifyOfAnswerAsync(Audience.OfNewAnswer(answer.AuthorId, thread.AuthorId, askerLevel, told).Select(l => new Notification
        {
            UserId = l.UserId, Kind = l.Kind, CreatedAt = answer.CreatedAt, Url = Urls.Thread(thread.Id, thread.Slug), ActorName = answererName, Quiet = l.Quiet,
        }).ToList(), thread.Title, ct);
        await TellLaterAsync(FanOutAudience.ThreadWatchers, thread, answer, answererName, ct);
        await TellLaterAsync(FanOutAudience.HubFollowers, thread, answer, answererName, ct);
    }

    /// <summary>
    /// Leaves those watching the thread (besides the writer and the asker, told already) or the hub, if there are any,
    /// to <see cref="FanOutWorker"/>, rung once the post is committed.
    /// </summary>
    private async Task TellLaterAsync(FanOutAudience audience, ForumThread thread, Post post, string? actorName, CancellationToken ct)
    {
        var anyone = audience == FanOutAudience.ThreadWatchers
            ? await db.ThreadWatches.AnyAsync(w => w.ThreadId == thread.Id && w.Level == WatchLevel.Watching && w.UserId != post.AuthorId && w.UserId != thread.AuthorId, ct)
            : await db.HubWatches.AnyAsync(w => w.HubId == thread.HubId && w.Level == WatchLevel.Watching, ct);
        if (!anyone) return;
        db.PostFanOuts.Add(new PostFanOut { PostId = post.Id, Audience = audience, HubId = thread.HubId, ActorName = actorName, CreatedAt = post.CreatedAt });
        afterCommit.Add("ringing the fan-out worker", _ =>
        {
            bell.Ring();
            return Task.CompletedTask;
        });
    }

    /// <summary>An edit tells only people it newly mentions; those an earlier version named were told then.</summary>
    public async Task AfterEditAsync(ForumThread thread, Post post, string editorName, Mentioned mentioned, CancellationToken ct) =>
        await TellMentionedAsync(thread, post, editorName, mentioned, ct);

    private async Task<IReadOnlySet<string>> TellMentionedAsync(ForumThread thread, Post post, string? authorName, Mentioned mentioned, CancellationToken ct)
    {
        if (mentioned.UserIds.Count == 0) return new HashSet<string>();
        var toldBefore = (await db.PostMentions.Where(m => m.PostId == post.Id).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        var threadLevels = await db.ThreadWatches.Where(w => w.ThreadId == thread.Id && mentioned.UserIds.Contains(w.UserId))
            .ToDictionaryAsync(w => w.UserId, w => w.Level, ct);
        var hubLevels = await db.HubWatches.Where(w => w.HubId == thread.HubId && mentioned.UserIds.Contains(w.UserId))
            .ToDictionaryAsync(w => w.UserId, w => w.Level, ct);
        var hearing = mentioned.UserIds.Where(id => Audience.HearsMentions(
            threadLevels.TryGetValue(id, out var t) ? t : null, hubLevels.TryGetValue(id, out var h) ? h : null));
        var tell = MentionRules.WhoToTell(hearing, post.AuthorId, toldBefore, thread.IsLocked, post.IsHidden);
        var notes = new List<Notification>();
        foreach (var userId in tell)
        {
            db.PostMentions.Add(new PostMention { PostId = post.Id, UserId = userId });
            var n = new Notification { UserId = userId, Kind = NotificationKind.Mention, CreatedAt = post.EditedAt ?? post.CreatedAt, Url = Urls.Post(thread.Id, thread.Slug, post.Id), ActorName = authorName };
            notes.Add(authorName is null
                ? n.Saying("The support team mentioned you in \"{0}\".", thread.Title)
                : n.Saying("{0} mentioned you in \"{1}\".", authorName, thread.Title));
        }
        await notifier.NotifyManyAsync(notes, ct);
        return tell.ToHashSet();
    }

    private async Task WatchAutomaticallyAsync(int threadId, string userId, DateTimeOffset at, CancellationToken ct)
    {
        if (db.ThreadWatches.Local.Any(w => w.ThreadId == threadId && w.UserId == userId)) return;
        if (await db.ThreadWatches.AnyAsync(w => w.ThreadId == threadId && w.UserId == userId, ct)) return;
        db.ThreadWatches.Add(new ThreadWatch { UserId = userId, ThreadId = threadId, Level = WatchLevel.Watching, Automatic = true, At = at });
    }

}
