using Community.Domain.Escalation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Escalations;

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
