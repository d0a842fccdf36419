using System.Text.Json;
using Community.Domain;
using Community.Domain.Crm;
using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Moderation;
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
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Note)) yield return ("Note", "Tell support what the customer needs and what was tried.");
            else if (Note.Trim().Length > Escalation.MaxNoteLength) yield return ("Note", $"The note must be at most {Escalation.MaxNoteLength} characters long.");
            if (Priority is null || !Enum.IsDefined(Priority.Value)) yield return ("Priority", "Choose a priority.");
        }
    }

    public sealed record EventData(
        int EscalationId, int ThreadId, string ThreadUrl, string Title, string Question, string Hub, string AskerUserId, string AskerName,
        string? AskerCustomerNumber, string Note, string Priority, string EscalatedBy, DateTimeOffset EscalatedAt, DateTimeOffset AskedAt);

    public sealed class Handler(CommunityDb db, ModerationDesk desk, Outbox outbox, CrmEvents crm, PublicUrls urls) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var thread = await db.Threads.FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct) ?? throw new NotFoundException($"Thread {cmd.ThreadId} does not exist.");
            if (await db.Escalations.AnyAsync(e => e.ThreadId == thread.Id && e.Status != EscalationStatus.Resolved, ct))
                throw new DomainException("This thread is already with support.");
            var escalation = Escalation.Start(thread.Id, cmd.Actor.UserId, cmd.Note, cmd.Priority!.Value, desk.Now);
            db.Escalations.Add(escalation);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
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
            db.Notifications.Add(new Notification
            {
                UserId = thread.AuthorId, Kind = NotificationKind.Escalation, CreatedAt = desk.Now, Url = ModerationDesk.Url(thread),
            }.Saying("Our support team is now looking into your question \"{0}\".", thread.Title));
            await db.SaveChangesAsync(ct);
            return escalation.Id;
        }
    }
}

/// <summary>The helpdesk, with its API key, acknowledges (ticket reference) or resolves (optionally with an official answer).</summary>
public static class UpdateEscalation
{
    public sealed record Command(int EscalationId, string? Status, string? TicketRef, string? Answer, int KeyId) : ICommand<EscalationList.Row>, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (Status is not ("acknowledged" or "resolved")) yield return ("status", "Use \"acknowledged\" or \"resolved\".");
            if (Status == "acknowledged" && string.IsNullOrWhiteSpace(TicketRef)) yield return ("ticketRef", "Give the helpdesk's ticket reference.");
            if ((TicketRef?.Trim().Length ?? 0) > Escalation.MaxTicketRefLength) yield return ("ticketRef", $"At most {Escalation.MaxTicketRefLength} characters.");
            if (Answer is not null) foreach (var e in Community.Domain.Threads.ThreadRules.CheckBody(Answer)) yield return ("answer", e.Message);
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock, IMediator mediator) : ICommandHandler<Command, EscalationList.Row>
    {
        public async ValueTask<EscalationList.Row> Handle(Command cmd, CancellationToken ct)
        {
            var escalation = await db.Escalations.FirstOrDefaultAsync(e => e.Id == cmd.EscalationId, ct) ?? throw new NotFoundException($"Escalation {cmd.EscalationId} does not exist.");
            var key = await db.HelpdeskKeys.FirstAsync(k => k.Id == cmd.KeyId, ct);
            var thread = await db.Threads.IgnoreQueryFilters().FirstAsync(t => t.Id == escalation.ThreadId, ct);
            var now = clock.GetUtcNow();

            if (!string.IsNullOrWhiteSpace(cmd.Answer))
            {
                var agent = key.AnswerAsUserId ?? throw ValidationFailedException.For("answer", "This API key has no support account to answer as; ask an admin to set one (admin create-api-key --answer-as).");
                // Checked on every use: an agent who left the support team or is suspended no longer answers officially.
                var stillSupport = await db.UsersInRoles(Roles.Support).ContainsAsync(agent, ct);
                var suspended = await db.Users.AnyAsync(u => u.Id == agent && u.SuspendedUntil > now, ct);
                if (!stillSupport || suspended)
                    throw ValidationFailedException.For("answer", "The support account of this API key may no longer answer (not in the Support role, or suspended); ask an admin for a new key.");
                await mediator.Send(new Threads.Answer.Command(new Actor(agent, false, IsSupport: true), thread.Id, cmd.Answer), ct);
                await db.Entry(escalation).ReloadAsync(ct);
            }
            if (cmd.Status == "acknowledged") escalation.Acknowledge(cmd.TicketRef, now);
            else escalation.Resolve(cmd.TicketRef, now);

            db.AuditLog.Add(new AuditEntry
            {
                At = now, ActorId = null, ActorLabel = "helpdesk key " + key.Name, ThreadId = thread.Id, TargetUserId = thread.AuthorId,
                Action = cmd.Status == "acknowledged" ? ModerationAction.AcknowledgeEscalation : ModerationAction.ResolveEscalation,
                Detail = escalation.TicketRef is null ? "" : "ticket " + escalation.TicketRef,
            });
            db.Notifications.Add(new Notification
            {
                UserId = thread.AuthorId, Kind = NotificationKind.Escalation, CreatedAt = now, Url = ModerationDesk.Url(thread),
            }.Saying(cmd.Status == "acknowledged" ? "Support is working on your question \"{0}\" (ticket {1})." : "Support has resolved your question \"{0}\".",
                thread.Title, escalation.TicketRef ?? ""));
            await db.SaveChangesAsync(ct);
            return (await mediator.Send(new EscalationList.Query(null, escalation.Id), ct)).Single();
        }
    }
}

public static class EscalationList
{
    public sealed record Row(
        int Id, int ThreadId, string ThreadTitle, string ThreadUrl, string Status, string Priority, string? TicketRef, string Note,
        string EscalatedBy, DateTimeOffset AskedAt, DateTimeOffset? FirstAnswerAt, DateTimeOffset EscalatedAt,
        DateTimeOffset? FirstSupportResponseAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt)
    {
        public EscalationTimes Times => new(FirstAnswerAt - AskedAt, EscalatedAt - AskedAt, FirstSupportResponseAt - AskedAt, ResolvedAt - AskedAt);
    }

    public sealed record Query(EscalationStatus? Status, int? Id = null) : IQuery<IReadOnlyList<Row>>;

    public sealed class Handler(CommunityDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query q, CancellationToken ct)
        {
            var rows = await (
                from e in db.Escalations.AsNoTracking()
                where (q.Status == null || e.Status == q.Status) && (q.Id == null || e.Id == q.Id)
                join t in db.Threads.IgnoreQueryFilters() on e.ThreadId equals t.Id
                join m in db.Users on e.EscalatedById equals m.Id
                // Open ones by priority and age; resolved ones newest first.
                orderby e.Status == EscalationStatus.Resolved, e.Priority descending, e.EscalatedAt, e.ResolvedAt descending
                select new { e, t.Title, t.Slug, t.CreatedAt, t.FirstAnswerAt, Moderator = m.UserName! })
                .Take(500).ToListAsync(ct);
            return rows.Select(r => new Row(r.e.Id, r.e.ThreadId, r.Title, Urls.Thread(r.e.ThreadId, r.Slug), r.e.Status.ToString().ToLowerInvariant(),
                r.e.Priority.ToString().ToLowerInvariant(), r.e.TicketRef, r.e.Note, r.Moderator, r.CreatedAt, r.FirstAnswerAt, r.e.EscalatedAt,
                r.e.FirstSupportResponseAt, r.e.AcknowledgedAt, r.e.ResolvedAt)).ToList();
        }
    }
}

/// <summary>An operator creates a key for the helpdesk; the key is returned once, only its hash is kept.</summary>
public static class CreateHelpdeskKey
{
    public sealed record Command(string? Name, string? Scopes, string? AnswerAsUserName) : ICommand<string>, IValidate
    {
        public IEnumerable<(string Field, string Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100) yield return ("name", "Give the key a name of up to 100 characters, e.g. \"Zendesk\".");
            var scopes = (Scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if (scopes.Length == 0 || scopes.Any(s => !HelpdeskKey.KnownScopes.Contains(s)))
                yield return ("scopes", $"Use one or more of {string.Join(", ", HelpdeskKey.KnownScopes)}.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            string? agentId = null;
            if (!string.IsNullOrWhiteSpace(cmd.AnswerAsUserName))
            {
                agentId = await db.Users.Where(u => u.UserName == cmd.AnswerAsUserName).Select(u => u.Id).FirstOrDefaultAsync(ct)
                    ?? throw ValidationFailedException.For("answerAs", $"There is no user \"{cmd.AnswerAsUserName}\".");
                var isSupport = await db.UsersInRoles(Roles.Support).ContainsAsync(agentId, ct);
                if (!isSupport) throw ValidationFailedException.For("answerAs", $"{cmd.AnswerAsUserName} is not in the Support role; official answers come from support accounts.");
            }
            var key = HelpdeskKeyFormat.NewKey();
            db.HelpdeskKeys.Add(new HelpdeskKey
            {
                Name = cmd.Name!.Trim(), KeyHash = ApiTokenFormat.Hash(key), Prefix = key[..10], AnswerAsUserId = agentId, CreatedAt = clock.GetUtcNow(),
                Scopes = string.Join(' ', cmd.Scopes!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Distinct()),
            });
            await db.SaveChangesAsync(ct);
            return key;
        }
    }
}

public static class RevokeHelpdeskKey
{
    public sealed record Command(string Name) : ICommand<int>;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            return await db.HelpdeskKeys.Where(k => k.Name == cmd.Name && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        }
    }
}
