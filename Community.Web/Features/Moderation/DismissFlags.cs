using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Moderation;

public static class DismissFlags
{
    public sealed record Command(Actor Actor, int PostId, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var (post, thread) = await desk.LoadPostAsync(cmd.PostId, ct);
            await desk.ResolveFlagsAsync(post.Id, cmd.Actor, "dismissed", ct);
            desk.Audit(cmd.Actor, ModerationAction.DismissFlags, cmd.Reason, thread.Id, post.Id, post.AuthorId);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
