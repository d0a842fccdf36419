using Community.Domain;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

[Authorize]
public class EditModel(IMediator mediator, CommunityDb db, Community.Domain.Ranks.RankLadder ranks) : CommunityPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public bool IsQuestion { get; private set; }
    /// <summary>Editing someone else's post: the reason is asked for and kept in the history.</summary>
    public bool IsOthersPost { get; private set; }
    public string ThreadUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null) return loaded;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var (title, body) = (Title, Body);
        var loaded = await LoadAsync(id, ct);
        if (loaded is not null) return loaded;
        (Title, Body) = (title, body);
        var (ok, result) = await TrySendAsync(() => mediator.Send(new EditPost.Command(Actor, id, Body, IsQuestion ? Title ?? "" : null, Reason), ct));
        if (ok) return Redirect($"{result!.Url}#post-{id}");
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking()
            .Where(p => p.Id == id)
            .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { p.AuthorId, p.IsQuestion, p.IsHidden, p.BodyMarkdown, t.Id, t.Title, t.Slug })
            .FirstOrDefaultAsync(ct);
        if (post is null || !Community.Domain.Threads.Post.IsVisibleTo(post.IsHidden, User.IsModerator())) return NotFound();
        if (post.AuthorId != User.UserId())
        {
            var reputation = await db.Users.Where(u => u.Id == User.UserId()).Select(u => u.Reputation).FirstOrDefaultAsync(ct);
            ranks.Ensure(reputation, User.IsModerator(), Community.Domain.Ranks.Privilege.EditOthersPosts);
        }
        IsQuestion = post.IsQuestion;
        IsOthersPost = post.AuthorId != User.UserId();
        ThreadUrl = Urls.Thread(post.Id, post.Slug);
        Title = post.Title;
        Body = post.BodyMarkdown;
        return null;
    }
}
