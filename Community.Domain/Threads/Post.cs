namespace Community.Domain.Threads;

/// <summary>The question or an answer. Markdown is rendered and sanitised once, on save, and the HTML stored.</summary>
public class Post
{
    public int Id { get; set; }
    public int ThreadId { get; set; }
    public required string AuthorId { get; set; }
    public bool IsQuestion { get; set; }
    public required string BodyMarkdown { get; set; }
    public required string BodyHtml { get; set; }
    /// <summary>Plain text for the search index and previews.</summary>
    public required string BodyText { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public int KudosCount { get; set; }
    public bool IsHidden { get; set; }
    /// <summary>An official answer by the support team, shown highlighted right under the question.</summary>
    public bool IsOfficial { get; set; }

    public static Post Write(int threadId, string authorId, bool isQuestion, string markdown, string html, string text, DateTimeOffset now) => new()
    {
        ThreadId = threadId,
        AuthorId = authorId,
        IsQuestion = isQuestion,
        BodyMarkdown = markdown,
        BodyHtml = html,
        BodyText = text,
        CreatedAt = now,
    };

    public bool CanEdit(string userId, bool isModerator) => isModerator || userId == AuthorId;

    /// <summary>Replaces the text and returns the revision that keeps the old one.</summary>
    public PostRevision Edit(string markdown, string html, string text, string byUserId, bool isModerator, DateTimeOffset now)
    {
        if (!CanEdit(byUserId, isModerator)) throw new ForbiddenException("You can only edit your own posts.");
        var revision = new PostRevision
        {
            PostId = Id,
            EditorId = byUserId,
            BodyMarkdown = BodyMarkdown,
            EditedAt = now,
        };
        BodyMarkdown = markdown;
        BodyHtml = html;
        BodyText = text;
        EditedAt = now;
        return revision;
    }

    public void Hide()
    {
        if (IsHidden) throw new DomainException("The post is already hidden.");
        IsHidden = true;
    }

    public void Unhide()
    {
        if (!IsHidden) throw new DomainException("The post is not hidden.");
        IsHidden = false;
    }

    public bool CanGiveKudos(string userId) => userId != AuthorId && !IsHidden;

    /// <summary>Checks a kudos before it is booked: one per person and post, never on one's own post.</summary>
    public void EnsureKudosAllowed(string userId)
    {
        if (userId == AuthorId) throw new DomainException("You cannot give kudos to your own post.");
        if (IsHidden) throw new DomainException("This post is hidden.");
    }
}

/// <summary>The text a post had before an edit.</summary>
public class PostRevision
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public required string EditorId { get; set; }
    public required string BodyMarkdown { get; set; }
    /// <summary>The thread title before the edit, when the edit changed it (question posts only).</summary>
    public string? Title { get; set; }
    public DateTimeOffset EditedAt { get; set; }
    /// <summary>Why a moderator edited someone else's post; empty for the author's own edits.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>One person's thanks for one post (unique per post and person).</summary>
public class Kudos
{
    public int PostId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset GivenAt { get; set; }
}
