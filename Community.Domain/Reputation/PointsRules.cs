using Community.Domain.Threads;

namespace Community.Domain.Reputation;

/// <summary>A booking the ledger should record (before user and hub are attached).</summary>
public sealed record Booking(string UserId, int Points, PointsReason Reason, string? SourceUserId = null);

/// <summary>What each forum action is worth. Pure: the caller supplies what has been earned so far.</summary>
public sealed class PointsRules(ReputationOptions options)
{
    public ReputationOptions Options { get; } = options;


    /// <summary>
    /// Points for a kudos on <paramref name="post"/>, given what the author already earned from kudos today
    /// (net) and how many kudos this voter gave this author in the last 24 hours, this one included.
    /// </summary>
    public KudosOutcome ForKudos(Post post, string voterId, int earnedFromKudosToday, int votesToAuthorIn24h)
    {
        if (voterId == post.AuthorId) throw new DomainException("You cannot give kudos to your own post.");
        if (votesToAuthorIn24h > Options.SerialVotingLimit) return new KudosOutcome(null, IsSerialVoting: true);
        var full = post.IsQuestion ? Options.KudosOnQuestion : Options.KudosOnAnswer;
        var points = Math.Clamp(Options.DailyKudosCap - earnedFromKudosToday, 0, full);
        return new KudosOutcome(points == 0 ? null : new Booking(post.AuthorId, points, PointsReason.KudosReceived, voterId), false);
    }

    /// <summary>Accepting an answer: the answerer earns the solution points, the asker a little for closing the loop.</summary>
    public IReadOnlyList<Booking> ForSolution(ForumThread thread, Post answer)
    {
        var list = new List<Booking>();
        // Accepting one's own answer earns nothing, as on Stack Overflow.
        if (answer.AuthorId != thread.AuthorId)
        {
            list.Add(new Booking(answer.AuthorId, Options.SolutionAccepted, PointsReason.SolutionAccepted, thread.AuthorId));
            list.Add(new Booking(thread.AuthorId, Options.AskerAccepts, PointsReason.AskerAccepted, answer.AuthorId));
        }
        return list;
    }

    /// <summary>The reason a reversal is booked under.</summary>
    public static PointsReason ReversalOf(PointsReason r) => r switch
    {
        PointsReason.KudosReceived => PointsReason.KudosWithdrawn,
        PointsReason.SolutionAccepted => PointsReason.SolutionUnmarked,
        PointsReason.AskerAccepted => PointsReason.AskerUnaccepted,
        PointsReason.SpamRemoved => PointsReason.SpamRestored,
        _ => PointsReason.PostHidden,
    };
}

public sealed record KudosOutcome(Booking? Booking, bool IsSerialVoting);
