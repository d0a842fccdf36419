namespace Community.Domain.Threads;

public enum ThreadStatus { Open = 0, Solved = 1 }

/// <summary>A question and its answers. The question is the first post.</summary>
public class ForumThread
{
    public int Id { get; private set; }
    public int HubId { get; private set; }
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string AuthorId { get; private set; } = "";
    /// <summary>Normalised tags, space separated (" iphone-16 akku "), so a LIKE '% tag %' finds one.</summary>
    public string Tags { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public int? AcceptedPostId { get; private set; }
    public ThreadStatus Status { get; private set; }
    public int AnswerCount { get; private set; }
    public bool IsLocked { get; private set; }
    /// <summary>The question was hidden by a moderator: the whole thread is gone for the public.</summary>
    public bool IsHidden { get; private set; }
    /// <summary>When the first answer came: for the first-answer SLA and the escalation times.</summary>
    public DateTimeOffset? FirstAnswerAt { get; private set; }
    /// <summary>When the thread, unanswered past its first-answer target, was offered to the hub's experts (once).</summary>
    public DateTimeOffset? OfferedToExpertsAt { get; private set; }
    /// <summary>When the current solution was marked; null while open.</summary>
    public DateTimeOffset? SolvedAt { get; private set; }

    /// <summary>What this thread counts for in its hub; a handler compares it before and after a change (HubCounters).</summary>
    public HubShare Share => IsHidden ? HubShare.None : new HubShare(HubId, 1, Status == ThreadStatus.Solved ? 1 : 0);

    public IEnumerable<string> TagList => Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static ForumThread Start(int hubId, string title, IEnumerable<string> tags, string authorId, DateTimeOffset now)
    {
        var t = title.Trim();
        return new ForumThread
        {
            HubId = hubId,
            Title = t,
            Slug = Threads.Slug.From(t),
            AuthorId = authorId,
            Tags = FormatTags(tags),
            CreatedAt = now,
            LastActivityAt = now,
            Status = ThreadStatus.Open,
        };
    }

    public static string FormatTags(IEnumerable<string> tags)
    {
        var list = tags.ToList();
        return list.Count == 0 ? "" : " " + string.Join(' ', list) + " ";
    }

    /// <summary>The asker (or an editor) changes the tags; false when they are the same as before.</summary>
    public bool Retag(IEnumerable<string> tags)
    {
        var formatted = FormatTags(tags);
        if (formatted == Tags) return false;
        Tags = formatted;
        return true;
    }

    public void Rename(string title)
    {
        Title = title.Trim();
        Slug = Threads.Slug.From(Title);
    }

    /// <summary>
    /// Someone answered: the thread moves up in "latest". A support agent's answer is official (highlighted under the
    /// question, and the escalation's first support response).
    /// </summary>
    public Post Answer(string authorId, string markdown, string html, string text, DateTimeOffset now, bool bySupport = false)
    {
        if (IsLocked) throw new DomainException("This thread is locked; new answers are not possible.");
        AnswerCount++;
        LastActivityAt = now;
        FirstAnswerAt ??= now;
        return Post.Write(Id, authorId, isQuestion: false, markdown, html, text, now, official: bySupport);
    }

    /// <summary>Whom the asker hears of an answer from: nobody when they answered themselves.</summary>
    public string? WhoHearsOfAnswerBy(string answererId) => answererId == AuthorId ? null : AuthorId;

    /// <summary>After a moderator hid or restored an answer: the first visible answer's time, for the SLA.</summary>
    public void RecomputeFirstAnswer(DateTimeOffset? firstVisibleAnswerAt) => FirstAnswerAt = firstVisibleAnswerAt;

    /// <summary>Unanswered past its first-answer target, the thread was offered to the hub's experts; this happens once.</summary>
    public void OfferToExperts(DateTimeOffset now)
    {
        if (OfferedToExpertsAt is not null) throw new DomainException("This thread was already offered to the experts.");
        OfferedToExpertsAt = now;
    }

    /// <summary>The asker (or a moderator) may ask experts to help, while the question is open.</summary>
    public void EnsureExpertsMayBeInvitedBy(string userId, bool isModerator)
    {
        if (userId != AuthorId && !isModerator) throw new ForbiddenException("Only the person who asked (or a moderator) can invite experts.");
        if (Status == ThreadStatus.Solved) throw new DomainException("This thread is already solved.");
    }

    public void Lock(bool locked) => IsLocked = locked;

    public void MoveTo(int hubId)
    {
        if (hubId == HubId) throw new DomainException("The thread is already in that hub.");
        HubId = hubId;
    }

    /// <summary>A post of this thread was hidden: it no longer counts as an answer, and no longer as the solution.</summary>
    public bool OnPostHidden(Post post)
    {
        if (post.IsQuestion)
        {
            IsHidden = true;
            return false;
        }
        AnswerCount = Math.Max(0, AnswerCount - 1);
        if (AcceptedPostId != post.Id) return false;
        AcceptedPostId = null;
        Status = ThreadStatus.Open;
        SolvedAt = null;
        return true;
    }

    public void OnPostUnhidden(Post post)
    {
        if (post.IsQuestion) IsHidden = false;
        else AnswerCount++;
    }

    public bool CanMarkSolution(string userId, bool isModerator) => isModerator || userId == AuthorId;

    /// <summary>The asker (or a moderator) marks the answer that solved the question; a later choice replaces an earlier one.</summary>
    public void MarkSolution(Post answer, string byUserId, bool isModerator, DateTimeOffset now)
    {
        if (!CanMarkSolution(byUserId, isModerator))
            throw new ForbiddenException("Only the person who asked (or a moderator) can mark the solution.");
        if (answer.ThreadId != Id) throw new DomainException("That answer belongs to another thread.");
        if (answer.IsQuestion) throw new DomainException("The question itself cannot be its own solution; choose an answer.");
        if (answer.IsHidden) throw new DomainException("A hidden answer cannot be the solution.");
        AcceptedPostId = answer.Id;
        if (Status != ThreadStatus.Solved) SolvedAt = now;
        Status = ThreadStatus.Solved;
        LastActivityAt = now;
    }

    public void UnmarkSolution(string byUserId, bool isModerator)
    {
        if (!CanMarkSolution(byUserId, isModerator))
            throw new ForbiddenException("Only the person who asked (or a moderator) can change the solution.");
        AcceptedPostId = null;
        Status = ThreadStatus.Open;
        SolvedAt = null;
    }
}
