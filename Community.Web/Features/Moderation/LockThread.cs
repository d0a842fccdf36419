using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Moderation;

public static class LockThread
{
    public sealed record Command(Actor Actor, int ThreadId, bool Locked, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await desk.LoadThreadAsync(cmd.ThreadId, ct);
            if (thread.IsLocked == cmd.Locked) throw new DomainException(cmd.Locked ? "The thread is already locked." : "The thread is not locked.");
            thread.Lock(cmd.Locked);
            pages.ThreadChanged(thread.Id);
            desk.Audit(cmd.Actor, cmd.Locked ? ModerationAction.LockThread : ModerationAction.UnlockThread, cmd.Reason, thread.Id, targetUserId: thread.AuthorId);
            if (string.IsNullOrWhiteSpace(cmd.Reason))
                await desk.NotifyAsync(thread.AuthorId, ModerationDesk.Url(thread), cmd.Locked ? "A moderator locked your thread \"{0}\"." : "A moderator unlocked your thread \"{0}\".", [thread.Title], ct);
            else
                await desk.NotifyAsync(thread.AuthorId, ModerationDesk.Url(thread), cmd.Locked ? "A moderator locked your thread \"{0}\". Reason: {1}" : "A moderator unlocked your thread \"{0}\". Reason: {1}", [thread.Title, cmd.Reason.Trim()], ct);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
