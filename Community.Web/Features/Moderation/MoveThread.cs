using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Features.Hubs;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

public static class MoveThread
{
    public sealed record Command(Actor Actor, int ThreadId, string? HubSlug, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(HubSlug)) yield return ("HubSlug", "Choose the hub to move the thread to.");
            if (ModerationRules.CheckReason(Reason, required: false) is { } e) yield return ("Reason", e);
        }
    }

    /// <summary>Moves the thread; points already earned stay where they were booked (the ledger is history).</summary>
    public sealed class Handler(CommunityDb db, PageCache pages, HubCounters counters, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await desk.LoadThreadAsync(cmd.ThreadId, ct);
            var hub = await db.Hubs.FirstOrDefaultAsync(h => h.Slug == cmd.HubSlug, ct)
                ?? throw ValidationFailedException.For("HubSlug", "That hub does not exist.");
            var from = await db.Hubs.Where(h => h.Id == thread.HubId).Select(h => h.Name).FirstAsync(ct);
            var share = thread.Share;
            thread.MoveTo(hub.Id);
            await counters.MoveAsync(share, thread.Share, ct);
            pages.ThreadChanged(thread.Id);
            desk.Audit(cmd.Actor, ModerationAction.MoveThread, cmd.Reason, thread.Id, targetUserId: thread.AuthorId, detail: $"{from} → {hub.Name}");
            await desk.NotifyAsync(thread.AuthorId, ModerationDesk.Url(thread), "A moderator moved your thread \"{0}\" to {1}.", [thread.Title, hub.Name], ct);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
