using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Crm;
using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Notifications;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Escalations;

/// <summary>A moderator hands a thread nobody could solve to support: status on the thread, thread.escalated through the outbox.</summary>
public static class EscalateThread
{
    public sealed record Command(Actor Actor, int ThreadId, string? Note, EscalationPriority? Priority) : ICommand<int>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Note)) yield return ("Note", "Tell support what the customer needs and what was tried.");
            else if (Note.Trim().Length > Escalation.MaxNoteLength) yield return ("Note", UiMessage.Saying("The note must be at most {0} characters long.", Escalation.MaxNoteLength));
            if (Priority is null || !Enum.IsDefined(Priority.Value)) yield return ("Priority", "Choose a priority.");
        }
    }

    public sealed record EventData(
        int EscalationId, int ThreadId, string ThreadUrl, string Title, string Question, string Hub, string AskerUserId, string AskerName,
        string? AskerCustomerNumber, string Note, string Priority, string EscalatedBy, DateTimeOffset EscalatedAt, DateTimeOffset AskedAt);

    public sealed class Handler(CommunityDb db, PageCache pages, Notifier notifier, ModerationDesk desk, Outbox outbox, CrmEvents crm, PublicUrls urls) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct) ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            if (await db.Escalations.AnyAsync(e => e.ThreadId == thread.Id && e.Status != EscalationStatus.Resolved, ct))
                throw new DomainException("This thread is already with support.");
            var escalation = Escalation.Start(thread.Id, cmd.Actor.UserId, cmd.Note, cmd.Priority!.Value, desk.Now);
            db.Escalations.Add(escalation);
            pages.ThreadChanged(escalation.ThreadId);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (db.IsUniqueViolation(e))
            {
                throw new DomainException("This thread was escalated a moment ago.");
            }

            var question = await db.Posts.Where(p => p.ThreadId == thread.Id && p.IsQuestion).Select(p => p.BodyText).FirstAsync(ct);
            var hub = await db.Hubs.Where(h => h.Id == thread.HubId).Select(h => h.Slug).FirstAsync(ct);
            var names = await db.Users.Where(u => u.Id == thread.AuthorId || u.Id == cmd.Actor.UserId).ToDictionaryAsync(u => u.Id, u => u.UserName!, ct);
            await outbox.EnqueueAsync(WebhookEventTypes.ThreadEscalated, new EventData(
                escalation.Id, thread.Id, urls.Thread(thread.Id, thread.Slug), thread.Title, question, hub, thread.AuthorId, names[thread.AuthorId],
                await crm.ActiveCustomerNumberAsync(thread.AuthorId, ct), escalation.Note, escalation.Priority.ToString().ToLowerInvariant(),
                names[cmd.Actor.UserId], escalation.EscalatedAt, thread.CreatedAt), ct);
            desk.Audit(cmd.Actor, ModerationAction.EscalateThread, escalation.Note, thread.Id, targetUserId: thread.AuthorId, detail: $"priority {escalation.Priority}");
            await notifier.NotifyAsync(new Notification
            {
                UserId = thread.AuthorId, Kind = NotificationKind.Escalation, CreatedAt = desk.Now, Url = ModerationDesk.Url(thread),
            }.Saying("Our support team is now looking into your question \"{0}\".", thread.Title), ct);
            await db.SaveChangesAsync(ct);
            return escalation.Id;
        }
    }
}
