using Community.Domain.Ranks;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Threads;

/// <summary>What the edit form starts with; null when the post does not exist for this person (a hidden post for a non-moderator).</summary>
public static class EditForm
{
    public sealed record Query(Actor Actor, int PostId) : IQuery<Model?>;

    public sealed record Model(bool IsQuestion, bool IsOthersPost, string ThreadUrl, string Title, string Body, string Tags = "");

    public sealed class Handler(CommunityDb db, RankLadder ranks) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query q, CancellationToken ct)
        {
            var post = await db.Posts.AsNoTracking()
                .Where(p => p.Id == q.PostId)
                .Join(db.Threads, p => p.ThreadId, t => t.Id, (p, t) => new { p.AuthorId, p.IsQuestion, p.IsHidden, p.BodyMarkdown, t.Id, t.Title, t.Slug, t.Tags })
                .FirstOrDefaultAsync(ct);
            if (post is null || !Post.IsVisibleTo(post.IsHidden, q.Actor.IsModerator)) return null;
            var isOthers = post.AuthorId != q.Actor.UserId;
            if (isOthers)
            {
                // Editing others' posts is a privilege of high ranks (as on Stack Overflow), and always of moderators.
                var reputation = await db.Users.Where(u => u.Id == q.Actor.UserId).Select(u => u.Reputation).FirstOrDefaultAsync(ct);
                ranks.Ensure(reputation, q.Actor.IsModerator, Privilege.EditOthersPosts);
            }
            return new Model(post.IsQuestion, isOthers, Urls.Thread(post.Id, post.Slug), post.Title, post.BodyMarkdown,
                string.Join(", ", post.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}
