using Community.Domain;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Reputation;

/// <summary>"Ask an expert": the asker or a moderator invites up to three of the hub's listed experts to an open thread.</summary>
public static class InviteExperts
{
    public sealed record Command(Actor Actor, int ThreadId, IReadOnlyList<string>? Experts) : ICommand<int>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (ExpertInvitationRules.CheckChoice(Experts?.Count ?? 0) is { } error) yield return (nameof(Experts), error);
        }
    }

    /// <summary>The hub's top experts (all time, sub-hubs included) who could still be invited to this thread.</summary>
    /// <param name="ViewerId">Who looks at the list: never offered to invite themselves.</param>
    public sealed record CandidatesQuery(int ThreadId, string? ViewerId = null) : IQuery<Candidates>;

    public sealed record Candidates(IReadOnlyList<ExpertRow> Experts, IReadOnlyList<string> AlreadyInvited);

    public sealed class CandidatesHandler(CommunityDb db, CommunityCalendar calendar, TimeProvider clock) : IQueryHandler<CandidatesQuery, Candidates>
    {
        public async ValueTask<Candidates> Handle(CandidatesQuery q, CancellationToken ct)
        {
            var thread = await db.Threads.AsNoTracking().Where(t => t.Id == q.ThreadId).Select(t => new { t.HubId, t.AuthorId }).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", q.ThreadId));
            var experts = await Leaderboard.TopAsync(db, calendar, clock.GetUtcNow(), thread.HubId, Period.AllTime, ExpertInvitationRules.ListedExperts, ct, excluding: q.ViewerId is { } viewer ? [thread.AuthorId, viewer] : [thread.AuthorId]);
            var invited = await db.ExpertInvitations.Where(i => i.ThreadId == q.ThreadId)
                .Join(db.Users, i => i.ExpertId, u => u.Id, (i, u) => u.UserName!).ToListAsync(ct);
            return new Candidates(experts, invited);
        }
    }

    public sealed class Handler(CommunityDb db, Notifier notifier, IMediator mediator, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command cmd, CancellationToken ct)
        {
            var thread = await db.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == cmd.ThreadId, ct)
                ?? throw new NotFoundException(UiMessage.Saying("Thread {0} does not exist.", cmd.ThreadId));
            thread.EnsureExpertsMayBeInvitedBy(cmd.Actor.UserId, cmd.Actor.IsModerator);

            var candidates = await mediator.Send(new CandidatesQuery(cmd.ThreadId, cmd.Actor.UserId), ct);
            var names = cmd.Experts!.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var chosen = new List<ExpertRow>();
            foreach (var name in names)
            {
                var expert = candidates.Experts.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw ValidationFailedException.For(nameof(cmd.Experts), UiMessage.Saying("{0} is not one of the listed experts of this hub.", name));
                if (!candidates.AlreadyInvited.Contains(expert.Name, StringComparer.OrdinalIgnoreCase)) chosen.Add(expert);
            }
            if (ExpertInvitationRules.CheckThreadLimit(candidates.AlreadyInvited.Count, chosen.Count) is { } full)
                throw ValidationFailedException.For(nameof(cmd.Experts), full);

            var now = clock.GetUtcNow();
            var since = ExpertInvitationRules.DayStart(now);
            var sentToday = await db.ExpertInvitations.CountAsync(i => i.InvitedById == cmd.Actor.UserId && i.At >= since, ct);
            var ids = chosen.Select(c => c.UserId).ToList();
            var busy = await db.ExpertInvitations.Where(i => ids.Contains(i.ExpertId) && i.At >= since)
                .GroupBy(i => i.ExpertId).Select(g => new { g.Key, Count = g.Count() })
                .Where(g => g.Count >= ExpertInvitationRules.MaxReceivedPerDay).Select(g => g.Key).ToListAsync(ct);
            ExpertInvitationRules.EnsureDailyLimits(sentToday, chosen.Count, cmd.Actor.IsModerator, chosen.Where(c => busy.Contains(c.UserId)).Select(c => c.Name).ToList());

            foreach (var expert in chosen)
            {
                db.ExpertInvitations.Add(new ExpertInvitation { ThreadId = thread.Id, ExpertId = expert.UserId, InvitedById = cmd.Actor.UserId, At = now });
                await notifier.NotifyAsync(new Notification
                {
                    UserId = expert.UserId, Kind = NotificationKind.ExpertInvitation, CreatedAt = now,
                    Url = Urls.Thread(thread.Id, thread.Slug),
                }.Saying("You were asked for your expertise on \"{0}\".", thread.Title), ct);
            }
            await db.SaveChangesAsync(ct);
            return chosen.Count;
        }
    }
}
