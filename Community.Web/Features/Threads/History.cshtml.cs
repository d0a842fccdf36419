using Community.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

public class HistoryModel(CommunityDb db) : PageModel
{
    public sealed record Revision(string Editor, DateTimeOffset EditedAt, string BodyMarkdown, string? Title, string Reason);

    public string ThreadUrl { get; private set; } = "/";
    public string Current { get; private set; } = "";
    public IReadOnlyList<Revision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == id && !p.IsHidden)
            .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { p.BodyMarkdown, t.Id, t.Slug })
            .FirstOrDefaultAsync(ct);
        if (post is null) return NotFound();
        ThreadUrl = $"/t/{post.Id}/{post.Slug}";
        Current = post.BodyMarkdown;
        Revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == id)
            .Join(db.Users, r => r.EditorId, u => u.Id, (r, u) => new { r.EditedAt, r.BodyMarkdown, r.Title, r.Reason, u.UserName })
            .OrderByDescending(r => r.EditedAt)
            .Select(r => new Revision(r.UserName!, r.EditedAt, r.BodyMarkdown, r.Title, r.Reason))
            .ToListAsync(ct);
        return Page();
    }
}
