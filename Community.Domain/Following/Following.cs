using Community.Domain.Notifications;

namespace Community.Domain.Following;

/// <summary>
/// How closely a person follows a thread or a hub. No row is the ordinary case: the asker hears of answers, nobody
/// else does. Watching tells of every new post; muted tells of nothing, not even the asker's own answers or mentions
/// (a muted hub: its threads tell nothing unless the person asked, answered or chose the thread).
/// </summary>
/// A row with <see cref="Normal"/> is a person's explicit "normal", so answering later does not watch the thread again.
public enum WatchLevel { Muted = 0, Watching = 1, Normal = 2 }

/// <summary>What a person's watched hubs send them: each new post in the bell (and mail, per the mail setting), only the daily digest, or nothing.</summary>
public enum WatchedHubPosts { Notify = 0, Digest = 1, Off = 2 }

/// <summary>One person's choice for one thread. <see cref="Automatic"/> rows come from asking or answering, not a click.</summary>
public sealed class ThreadWatch
{
    public required string UserId { get; init; }
    public int ThreadId { get; init; }
    public WatchLevel Level { get; set; }
    public bool Automatic { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class HubWatch
{
    public required string UserId { get; init; }
    public int HubId { get; init; }
    public WatchLevel Level { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A thread a person keeps for later, listed at /bookmarks.</summary>
public sealed class Bookmark
{
    public required string UserId { get; init; }
    public int ThreadId { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Someone who hears of a post: the kind of notification, and whether it waits for the digest instead of mailing at once.</summary>
public sealed record Listener(string UserId, NotificationKind Kind, bool Quiet = false);

/// <summary>A person watching the hub a post is in, with their choice for watched hubs.</summary>
public sealed record HubFollower(string UserId, WatchLevel Level, WatchedHubPosts Posts);

/// <summary>Who hears of a new post, from the watch rows. Pure, so the rules can be read and tested in one place.</summary>
public static class Audience
{
    /// <summary>
    /// Who hears of a new answer by <paramref name="authorId"/> in its own transaction: the asker (whose watch level for
    /// the thread is <paramref name="askerLevel"/>, none being the ordinary case), unless they wrote it, muted the
    /// thread, or are in <paramref name="alreadyTold"/> (mentioned in it: that notification is theirs).
    /// </summary>
    public static IReadOnlyList<Listener> OfNewAnswer(string authorId, string askerId, WatchLevel? askerLevel, IReadOnlySet<string> alreadyTold) =>
        askerId == authorId || askerLevel == WatchLevel.Muted || alreadyTold.Contains(askerId) ? [] : [new Listener(askerId, NotificationKind.Answer)];

    /// <summary>
    /// The thread's share of a new answer, told after it in steps (a popular thread has hundreds of participants, each
    /// watching it): those watching the thread, except the author, the asker (told with the answer) and those mentioned.
    /// </summary>
    public static IReadOnlyList<Listener> OfThreadWatchers(string authorId, string askerId, IEnumerable<string> watching, IReadOnlySet<string> alreadyTold) =>
        watching.Distinct().Where(id => id != authorId && id != askerId && !alreadyTold.Contains(id))
            .Select(id => new Listener(id, NotificationKind.WatchedReply)).ToList();

    /// <summary>
    /// The hub's share of a new post, told after it in steps (a hub may have thousands of followers): those watching
    /// the hub, by their choice of notify or digest. Never the author or the asker (the thread's share tells the asker),
    /// nobody with a choice of their own for the thread (<paramref name="withThreadChoice"/>: watching was told with
    /// the post, muted or normal beats the hub), nobody mentioned in the post (that notification is theirs).
    /// </summary>
    public static IReadOnlyList<Listener> OfHubFollowers(bool newThread, string authorId, string askerId, IEnumerable<HubFollower> followers,
        IReadOnlySet<string> withThreadChoice, IReadOnlySet<string> alreadyTold) =>
        followers.Where(f => f.Level == WatchLevel.Watching && f.Posts != WatchedHubPosts.Off
                && f.UserId != authorId && f.UserId != askerId && !withThreadChoice.Contains(f.UserId) && !alreadyTold.Contains(f.UserId))
            .Select(f => new Listener(f.UserId, newThread ? NotificationKind.WatchedThread : NotificationKind.WatchedReply, Quiet: f.Posts == WatchedHubPosts.Digest))
            .ToList();

    /// <summary>
    /// Whether a mention reaches someone: muting the thread silences it; so does muting its hub, unless the person
    /// has a choice of their own for the thread (they asked, answered or picked a level).
    /// </summary>
    public static bool HearsMentions(WatchLevel? threadLevel, WatchLevel? hubLevel = null) =>
        threadLevel is { } level ? level != WatchLevel.Muted : hubLevel != WatchLevel.Muted;
}

/// <summary>Who an @mention notifies: once per person and post, never the author, not on locked threads or hidden posts, at most <see cref="MaxPerPost"/>.</summary>
public static class MentionRules
{
    public const int MaxPerPost = 10;

    /// <param name="mentioned">People named in the post's text (existing accounts), in the order they appear.</param>
    /// <param name="toldBefore">Those already told of this post (an earlier version named them).</param>
    public static IReadOnlyList<string> WhoToTell(IEnumerable<string> mentioned, string authorId, IReadOnlySet<string> toldBefore, bool threadLocked, bool postHidden)
    {
        if (threadLocked || postHidden) return [];
        var room = MaxPerPost - toldBefore.Count;
        if (room <= 0) return [];
        return mentioned.Distinct().Where(id => id != authorId && !toldBefore.Contains(id)).Take(room).ToList();
    }
}

/// <summary>Who was told of a mention in which post: the row that makes "notified once" hold across edits.</summary>
public sealed class PostMention
{
    public int PostId { get; init; }
    public required string UserId { get; init; }
}
