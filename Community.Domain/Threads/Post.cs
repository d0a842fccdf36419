namespace Community.Domain.Threads;

/// <summary>The question or an answer. Markdown is rendered and sanitised once, on save, and the HTML stored.</summary>
public class Post
{
    public int Id { get; private set; }
    public int ThreadId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public bool IsQuestion { get; private set; }
    public string BodyMarkdown { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    /// <summary>Plain text for the search index and previews.</summary>
    public string BodyText { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public int KudosCount { get; private set; }
    public bool IsHidden { get; private set; }
    /// <summary>An official answer by the support team, shown highlighted right under the question.</summary>
    public bool IsOfficial { get; private set; }

    public static Post Write(int threadId, string authorId, bool isQuestion, string markdown, string html, string text, DateTimeOffset now, bool official = false) => new()
    {
        ThreadId = threadId,
        AuthorId = authorId,
        IsQuestion = isQuestion,
        BodyMarkdown = markdown,
        BodyHtml = html,
        BodyText = text,
        CreatedAt = now,
        IsOfficial = official,
    };

    /// <summary>
    /// The author edits their own post, someone with the edit privilege (or a moderator) anyone's; a hidden post only a
    /// moderator, since nobody else may read it.
    /// </summary>
    public bool CanEdit(string userId, bool mayEditOthers, bool isModerator = false) =>
        IsHidden ? isModerator : mayEditOthers || userId == AuthorId;

    /// <summary>A hidden post (and its history) is seen by moderators only; for everyone else it does not exist.</summary>
    public static bool IsVisibleTo(bool isHidden, bool isModerator) => !isHidden || isModerator;

    /// <summary>
    /// An edit through the forum: the author edits their own post; someone with the edit privilege (or a moderator)
    /// anyone's, and a moderator says why (the reason is kept in the history and shown to the author). Returns the
    /// revision that keeps the old text and, for a question whose title changes, the old title; null when nothing changed.
    /// </summary>
    public PostRevision? EditBy(string editorId, PostEdit edit, EditPrivileges privileges, string? currentTitle, DateTimeOffset now)
    {
        var byOther = editorId != AuthorId;
        if (EditNeedsReason(editorId, privileges.IsModerator) && string.IsNullOrWhiteSpace(edit.Reason)) throw new DomainException(EditReasonMissing);
        var renamed = IsQuestion && edit.Title is not null && edit.Title.Trim() != currentTitle;
        if (edit.Markdown == BodyMarkdown && !renamed) return null;
        var revision = Edit(edit.Markdown, edit.Html, edit.Text, editorId, privileges.MayEditOthers, now, privileges.IsModerator);
        if (renamed) revision.Title = currentTitle;
        if (byOther) revision.Reason = edit.Reason?.Trim() ?? "";
        return revision;
    }

    public static readonly UiMessage EditReasonMissing = "Give a reason for editing someone else's post; it is kept in the history and shown to the author.";

    /// <summary>A moderator who changes someone else's post says why, and the author is told (with the reason).</summary>
    public bool EditNeedsReason(string editorId, bool isModerator) => editorId != AuthorId && isModerator;

    /// <summary>Replaces the text and returns the revision that keeps the old one.</summary>
    public PostRevision Edit(string markdown, string html, string text, string byUserId, bool mayEditOthers, DateTimeOffset now, bool isModerator = false)
    {
        if (IsHidden && !isModerator) throw new ForbiddenException("A hidden post can only be edited by a moderator.");
        if (!CanEdit(byUserId, mayEditOthers, isModerator)) throw new ForbiddenException("You can only edit your own posts.");
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

    public bool CanGiveKudos(string userId) => CanGiveKudos(userId, AuthorId, IsHidden);

    /// <summary>The same rule for a view that has only the post's fields: someone signed in, not the author, a visible post.</summary>
    public static bool CanGiveKudos(string? viewerId, string authorId, bool isHidden) => viewerId is not null && viewerId != authorId && !isHidden;

    /// <summary>Checks a kudos before it is booked: one per person and post, never on one's own post.</summary>
    public void EnsureKudosAllowed(string userId)
    {
        if (userId == AuthorId) throw new DomainException("You cannot give kudos to your own post.");
        if (IsHidden) throw new DomainException("This post is hidden.");
    }
}

/// <summary>What an edit asks for: the new text (rendered once), a new title for a question, a moderator's reason.</summary>
public sealed record PostEdit(string Markdown, string Html, string Text, string? Title = null, string? Reason = null);

/// <summary>What the editor may do: edit others' posts (a rank privilege), moderate.</summary>
public sealed record EditPrivileges(bool MayEditOthers, bool IsModerator);

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
    /// <summary>When a moderator removed this version's text (personal data, insults); the fact stays, the text is gone.</summary>
    public DateTimeOffset? RedactedAt { get; private set; }
    public string? RedactedById { get; private set; }

    public bool IsRedacted => RedactedAt is not null;

    /// <summary>Removes the text of this old version for good; only moderators may, and only once.</summary>
    public void Redact(string moderatorId, bool isModerator, DateTimeOffset now)
    {
        if (!isModerator) throw new ForbiddenException("Only moderators can remove a version's text.");
        if (IsRedacted) throw new DomainException("This version's text was already removed.");
        BodyMarkdown = "";
        Title = null;
        RedactedAt = now;
        RedactedById = moderatorId;
    }
}

/// <summary>One person's thanks for one post (unique per post and person).</summary>
public class Kudos
{
    /// <summary>A new account waits a while before its kudos count (against throwaway accounts); moderators do not.</summary>
    public static void EnsureAccountOldEnough(DateTimeOffset joinedAt, DateTimeOffset now, TimeSpan minimumAge, bool isModerator)
    {
        if (isModerator || now - joinedAt >= minimumAge) return;
        var left = Math.Max(1, (int)Math.Ceiling((minimumAge - (now - joinedAt)).TotalMinutes));
        throw left == 1
            ? ForbiddenException.Saying("New accounts can give kudos {0} minutes after registering – 1 minute left.", (int)Math.Round(minimumAge.TotalMinutes))
            : ForbiddenException.Saying("New accounts can give kudos {0} minutes after registering – {1} minutes left.", (int)Math.Round(minimumAge.TotalMinutes), left);
    }

    public int PostId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset GivenAt { get; set; }
}
