namespace Community.Domain.Threads;

public enum ThreadStatus { Open = 0, Solved = 1 }

/// <summary>A question and its answers. The question is the first post.</summary>
public class ForumThread
{
    public int Id { get; set; }
    public int HubId { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string AuthorId { get; set; }
    /// <summary>Normalised tags, space separated (" iphone-16 akku "), so a LIKE '% tag %' finds one.</summary>
    public string Tags { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public int? AcceptedPostId { get; set; }
    public ThreadStatus Status { get; set; }
    public int AnswerCount { get; set; }
    public bool IsLocked { get; set; }
    /// <summary>The question was hidden by a moderator: the whole thread is gone for the public.</summary>
    public bool IsHidden { get; set; }
    /// <summary>When the first answer came: for the first-answer SLA and the escalation times.</summary>
    public DateTimeOffset? FirstAnswerAt { get; set; }
    /// <summary>When the thread, unanswered past its first-answer target, was offered to the hub's experts (once).</summary>
    public DateTimeOffset? OfferedToExpertsAt { get; set; }
    /// <summary>When the current solution was marked; null while open.</summary>
    public DateTimeOffset? SolvedAt { get; set; }

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

    public void Rename(string title)
    {
        Title = title.Trim();
        Slug = Threads.Slug.From(Title);
    }

    /// <summary>Someone answered: the thread moves up in "latest".</summary>
    public Post Answer(string authorId, string markdown, string html, string text, DateTimeOffset now)
    {
        if (IsLocked) throw new DomainException("This thread is locked; new answers are not possible.");
        AnswerCount++;
        LastActivityAt = now;
        FirstAnswerAt ??= now;
        return Post.Write(Id, authorId, isQuestion: false, markdown, html, text, now);
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
