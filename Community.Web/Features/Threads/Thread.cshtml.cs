using Microsoft.AspNetCore.OutputCaching;
using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Domain.Threads;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Features.Threads;

[OutputCache(PolicyName = AnonymousPagePolicy.Name)]
public class ThreadModel(IMediator mediator, Dashboard.ViewCounter views, Drafts.DraftStore drafts) : CommunityPageModel
{
    /// <summary>The signed-in viewer's watch and bookmark choices; null for anonymous readers.</summary>
    public Following.Follow.ThreadState? Follow { get; private set; }

    /// <summary>The saved draft was put back into the answer box.</summary>
    public bool DraftRestored { get; private set; }

    public ThreadView.Model? Data { get; private set; }

    [BindProperty]
    public string? AnswerBody { get; set; }

    /// <summary>For the asker or a moderator of an open thread: the experts they may invite.</summary>
    public Reputation.InviteExperts.Candidates? ExpertCandidates { get; private set; }
    public string? InviteMessage { get; private set; }
    public string? ModerationMessage { get; private set; }
    [BindProperty] public string? EscalationNote { get; set; }
    [BindProperty] public EscalationPriority? EscalationPriority { get; set; }

    /// <summary>Page <paramref name="page"/> of the answers (30 a page); anything that is not a page number shows page 1.</summary>
    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] int? page, [FromQuery] string? sort, CancellationToken ct)
    {
        // best (most kudos first, the default), oldest or newest; anything else is the default order.
        var order = sort switch { "oldest" => ThreadView.AnswerOrder.Oldest, "newest" => ThreadView.AnswerOrder.Newest, _ => ThreadView.AnswerOrder.Best };
        Data = await mediator.Send(new ThreadView.Query(id, User.UserId(), User.IsModerator(), Math.Max(1, page ?? 1), order), ct);
        if (Data is null) return NotFound();
        // One address per thread and page: old or mistyped slugs move permanently to the canonical one.
        if (slug != Data.Slug) return RedirectPermanent(Data.OrderedPageUrl(Data.Page));
        // Every read of a solved thread is a question support did not get: the value dashboard counts them.
        if (Data.Status == ThreadStatus.Solved && !Data.Question.IsHidden) views.Count(Data.Id, Data.HubId, HttpContext);
        else views.NotSolved(Data.Id);
        await LoadExpertsAsync(ct);
        if (User.UserId() is { } reader)
        {
            var threadUrl = Urls.Thread(Data.Id, Data.Slug);
            if (await mediator.Send(new Notifications.MarkThreadRead.Query(reader, threadUrl), ct))
                await mediator.Send(new Notifications.MarkThreadRead.Command(reader, threadUrl), ct);
        }
        if (User.UserId() is { } viewer && !Data.IsLocked
            && await drafts.FindAsync(viewer, Drafts.DraftKeys.Answer(Data.Id), ct) is { } draft)
        {
            AnswerBody = draft.Body;
            DraftRestored = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostInviteExpertsAsync(int id, string[]? experts, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, count) = await TrySendAsync(() => mediator.Send(new Reputation.InviteExperts.Command(Actor, id, experts), ct));
        if (!ok) return await ReShowAsync(id, ct);
        TempData["InviteMessage"] = count == 1 ? T("1 expert was invited.") : T("{0} experts were invited.", count);
        return Redirect(Urls.Thread(id) + "#ask-expert");
    }

    private async Task LoadExpertsAsync(CancellationToken ct)
    {
        // Only a signed-in person's own posts leave these messages; an anonymous read must not touch the TempData
        // cookie, or the page could not be cached.
        if (User.Identity?.IsAuthenticated == true)
        {
            InviteMessage = TempData["InviteMessage"] as string;
            ModerationMessage = TempData["ModerationMessage"] as string;
        }
        var viewer = User.UserId();
        if (Data is not null && viewer is not null) Follow = await mediator.Send(new Following.Follow.StateQuery(viewer, Data.Id), ct);
        if (Data is null || viewer is null || Data.Status == ThreadStatus.Solved || Data.Question.IsHidden) return;
        if (viewer != Data.AuthorId && !User.IsModerator()) return;
        ExpertCandidates = await mediator.Send(new Reputation.InviteExperts.CandidatesQuery(Data.Id, viewer), ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, postId) = await TrySendAsync(() => mediator.Send(new Answer.Command(Actor, id, AnswerBody), ct));
        if (ok) return Redirect(Urls.Post(id, postId));
        if (ModelState.TryGetValue("Body", out var entry))
            foreach (var e in entry.Errors) ModelState.AddModelError(nameof(AnswerBody), e.ErrorMessage);
        ModelState.Remove("Body");
        return await ReShowAsync(id, ct);
    }

    /// <summary>A refused action on one post (a new account's kudos, say): the thread again, the reason next to that post's buttons.</summary>
    public (int PostId, string Message)? Refusal { get; private set; }

    public string? RefusalFor(int postId) => Refusal is { } r && r.PostId == postId ? r.Message : null;

    public async Task<IActionResult> OnPostKudosAsync(int id, int postId, bool withdraw, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        try
        {
            var (ok, _) = withdraw
                ? await TrySendAsync(() => mediator.Send(new WithdrawKudos.Command(Actor, postId), ct))
                : await TrySendAsync(() => mediator.Send(new GiveKudos.Command(Actor, postId), ct));
            return ok ? Redirect(Urls.Post(id, postId)) : await ReShowAsync(id, ct);
        }
        catch (ForbiddenException e)
        {
            Refusal = (postId, Translate(e.Refusal));
            var page = await ReShowAsync(id, ct);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
    }

    public async Task<IActionResult> OnPostSolutionAsync(int id, int? postId, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, result) = await TrySendAsync(() => mediator.Send(new MarkSolution.Command(Actor, id, postId), ct));
        return ok ? Redirect(result!.Url + (postId is null ? "" : $"#post-{postId}")) : await ReShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostFlagAsync(int id, int postId, FlagReason? reason, string? note, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Moderation.FlagPost.Command(Actor, postId, reason, note), ct));
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = T("Thank you – a moderator will look at the post.");
        return Redirect(Urls.Post(id, postId));
    }

    public async Task<IActionResult> OnPostHideAsync(int id, int postId, string? reason, bool spam, CancellationToken ct) =>
        await ModerateAsync(id, postId, () => mediator.Send(new Moderation.HidePost.Command(Actor, postId, reason, spam), ct), spam ? T("Removed as spam.") : T("The post is hidden."), ct);

    public async Task<IActionResult> OnPostUnhideAsync(int id, int postId, string? reason, CancellationToken ct) =>
        await ModerateAsync(id, postId, () => mediator.Send(new Moderation.UnhidePost.Command(Actor, postId, reason), ct), T("The post is visible again."), ct);

    public async Task<IActionResult> OnPostLockAsync(int id, bool locked, string? reason, CancellationToken ct) =>
        await ModerateAsync(id, null, () => mediator.Send(new Moderation.LockThread.Command(Actor, id, locked, reason), ct), locked ? T("The thread is locked.") : T("The thread is unlocked."), ct);

    public async Task<IActionResult> OnPostMoveAsync(int id, string? hubSlug, string? reason, CancellationToken ct) =>
        await ModerateAsync(id, null, () => mediator.Send(new Moderation.MoveThread.Command(Actor, id, hubSlug, reason), ct), T("The thread was moved."), ct);

    /// <summary>The notification level for this thread: watching, normal (empty) or muted.</summary>
    public async Task<IActionResult> OnPostWatchAsync(int id, string? level, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Following.Follow.WatchThread(Actor, id, Following.Follow.ParseLevel(level)), ct));
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = level switch
        {
            "watching" => T("You are watching this thread: every new answer is in your notifications."),
            "muted" => T("This thread is muted: you hear nothing of it, not even mentions."),
            _ => T("Back to normal: you hear of this thread when you are mentioned (and of answers if you asked)."),
        };
        return Redirect(Urls.Thread(id) + "#follow");
    }

    public async Task<IActionResult> OnPostBookmarkAsync(int id, bool bookmarked, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        var (ok, _) = await TrySendAsync(async () => await mediator.Send(new Following.Follow.BookmarkThread(Actor, id, bookmarked), ct));
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = bookmarked ? T("Bookmarked – find it under Bookmarks.") : T("The bookmark is removed.");
        return Redirect(Urls.Thread(id) + "#follow");
    }

    [BindProperty] public string? SupportTicketRef { get; set; }
    [BindProperty] public string? SupportAnswer { get; set; }

    /// <summary>A support agent acknowledges (with the ticket reference) or resolves the thread's escalation, optionally answering officially.</summary>
    public async Task<IActionResult> OnPostSupportAsync(int id, string? status, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        if (!User.IsInRole(Community.Web.Data.Roles.Support)) return Forbid();
        var escalationId = (await mediator.Send(new ThreadView.Query(id, User.UserId(), User.IsModerator(), 1), ct))?.Escalation?.Id;
        if (escalationId is null) return NotFound();
        var (ok, _) = await TrySendAsync(() => mediator.Send(new Escalations.UpdateEscalation.Command(escalationId.Value,
            Escalations.UpdateEscalation.Command.ParseStatus(status), SupportTicketRef, string.IsNullOrWhiteSpace(SupportAnswer) ? null : SupportAnswer, null, Actor), ct), "Support");
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = status == "resolved" ? T("The escalation is resolved; the asker is told.") : T("Acknowledged; the asker sees the ticket reference.");
        return Redirect(Urls.Thread(id));
    }

    public async Task<IActionResult> OnPostEscalateAsync(int id, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        if (!User.IsModerator()) return Forbid();
        var (ok, _) = await TrySendAsync(() => mediator.Send(new Escalations.EscalateThread.Command(Actor, id, EscalationNote, EscalationPriority), ct), "Escalation");
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = T("Escalated to support. The asker sees the status on the thread.");
        return Redirect(Urls.Thread(id));
    }

    private async Task<IActionResult> ModerateAsync(int id, int? postId, Func<ValueTask<Unit>> send, string done, CancellationToken ct)
    {
        if (User.UserId() is null) return Challenge();
        if (!User.IsModerator()) return Forbid();
        var (ok, _) = await TrySendAsync(async () => await send());
        if (!ok) return await ReShowAsync(id, ct);
        TempData["ModerationMessage"] = done;
        return Redirect(postId is { } p ? Urls.Post(id, p) : Urls.Thread(id));
    }

    private async Task<IActionResult> ReShowAsync(int id, CancellationToken ct)
    {
        Data = await mediator.Send(new ThreadView.Query(id, User.UserId(), User.IsModerator(), 1), ct);
        if (Data is null) return NotFound();
        await LoadExpertsAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
