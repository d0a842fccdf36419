using Community.Web.Infrastructure.Caching;
using Community.Domain;
using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Escalations;

/// <summary>
/// The helpdesk, with its API key, or a support agent on the thread page acknowledges (ticket reference) or resolves
/// (optionally with an official answer). An agent answers as themselves; a key answers as its support account.
/// </summary>
public static class UpdateEscalation
{
    /// <summary><paramref name="Status"/>: Acknowledged or Resolved; the API parses the helpdesk's "acknowledged" / "resolved" into it.</summary>
    /// <param name="KeyId">The helpdesk key that sent it; null when <paramref name="Agent"/> acts in the UI.</param>
    public sealed record Command(int EscalationId, EscalationStatus? Status, string? TicketRef, string? Answer, int? KeyId, Actor? Agent = null) : ICommand<EscalationList.Row>, IValidate
    {
        /// <summary>The helpdesk's word for a status, or null for anything else (then validation names the field).</summary>
        public static EscalationStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
        {
            "acknowledged" => EscalationStatus.Acknowledged,
            "resolved" => EscalationStatus.Resolved,
            _ => null,
        };

        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (Status is not (EscalationStatus.Acknowledged or EscalationStatus.Resolved)) yield return ("status", "Use \"acknowledged\" or \"resolved\".");
            if (Status == EscalationStatus.Acknowledged && string.IsNullOrWhiteSpace(TicketRef)) yield return ("ticketRef", "Give the helpdesk's ticket reference.");
            if ((TicketRef?.Trim().Length ?? 0) > Escalation.MaxTicketRefLength) yield return ("ticketRef", UiMessage.Saying("At most {0} characters.", Escalation.MaxTicketRefLength));
            if (Answer is not null) foreach (var e in ThreadRules.CheckBody(Answer)) yield return ("answer", e.Message);
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, Notifier notifier, TimeProvider clock, IMediator mediator) : ICommandHandler<Command, EscalationList.Row>
    {
        public async ValueTask<EscalationList.Row> Handle(Command cmd, CancellationToken ct)
        {
            var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == cmd.EscalationId, ct) ?? throw new NotFoundException(UiMessage.Saying("Escalation {0} does not exist.", cmd.EscalationId));
            // The agent's role and suspension are read now, not trusted from the sign-in cookie.
            if (cmd.Agent is { } acting && (!acting.IsSupport || !await db.UsersInRoles(Roles.Support).ContainsAsync(acting.UserId, ct)
                    || await db.Users.AnyAsync(u => u.Id == acting.UserId && u.SuspendedUntil > clock.GetUtcNow(), ct)))
                throw new ForbiddenException("Only the support team acknowledges and resolves escalations.");
            var key = cmd.KeyId is { } keyId ? await db.HelpdeskKeys.FirstAsync(k => k.Id == keyId, ct) : null;
            var agentName = cmd.Agent is { } a ? await db.Users.Where(u => u.Id == a.UserId).Select(u => u.UserName!).FirstAsync(ct) : null;
            var thread = await db.Threads.IgnoreQueryFilters().FirstAsync(t => t.Id == escalation.ThreadId, ct);
            var now = clock.GetUtcNow();

            if (!string.IsNullOrWhiteSpace(cmd.Answer))
            {
                var agent = cmd.Agent?.UserId ?? key?.AnswerAsUserId ?? throw ValidationFailedException.For("answer", "This API key has no support account to answer as; ask an admin to set one (admin create-api-key --answer-as).");
                // Checked on every use: a key's support account that left the team or is suspended no longer answers
                // officially (an agent acting in person was checked above).
                if (cmd.Agent is null && (!await db.UsersInRoles(Roles.Support).ContainsAsync(agent, ct) || await db.Users.AnyAsync(u => u.Id == agent && u.SuspendedUntil > now, ct)))
                    throw ValidationFailedException.For("answer", "The support account of this API key may no longer answer (not in the Support role, or suspended); ask an admin for a new key.");
                await mediator.Send(new Threads.Answer.Command(new Actor(agent, false, IsSupport: true), thread.Id, cmd.Answer), ct);
                await db.Entry(escalation).ReloadAsync(ct);
            }
            pages.ThreadChanged(escalation.ThreadId);
            if (cmd.Status == EscalationStatus.Acknowledged) escalation.Acknowledge(cmd.TicketRef, now);
            else escalation.Resolve(cmd.TicketRef, now);

            db.AuditLog.Add(new AuditEntry
            {
                At = now, ActorId = cmd.Agent?.UserId, ActorLabel = agentName ?? "helpdesk key " + key?.Name, ThreadId = thread.Id, TargetUserId = thread.AuthorId,
                Action = cmd.Status == EscalationStatus.Acknowledged ? ModerationAction.AcknowledgeEscalation : ModerationAction.ResolveEscalation,
                Detail = escalation.TicketRef is null ? "" : "ticket " + escalation.TicketRef,
            });
            await notifier.NotifyAsync(new Notification
            {
                UserId = thread.AuthorId, Kind = NotificationKind.Escalation, CreatedAt = now, Url = ModerationDesk.Url(thread),
            }.Saying(cmd.Status == EscalationStatus.Acknowledged ? "Support is working on your question \"{0}\" (ticket {1})." : "Support has resolved your question \"{0}\".",
                thread.Title, escalation.TicketRef ?? ""), ct);
            await db.SaveChangesAsync(ct);
            return (await mediator.Send(new EscalationList.Query(null, escalation.Id), ct)).Single();
        }
    }
}
