using Community.Domain.Escalation;
using Community.Domain.Notifications;
using Community.Domain.Reputation;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Features.Notifications;
using Community.Web.Features.Reputation;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Queue;

/// <summary>
/// Threads nobody answered within their hub's first-answer target are offered, once, to the hub's top experts:
/// the same invitation and notification as "Ask an expert", respecting how many invitations an expert gets a day.
/// </summary>
public sealed class OfferToExperts(CommunityDb db, Notifier notifier, SlaBook sla, CommunityCalendar calendar, TimeProvider clock)
{
    public const string SystemInviter = "sla";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hubs = await db.Hubs.AsNoTracking().Select(h => new { h.Id, h.ParentId, h.Slug }).ToDictionaryAsync(h => h.Id, h => (h.ParentId, h.Slug), ct);
        var earliestDue = hubs.Keys.Select(id => sla.For(id, hubs).FirstAnswerWithin).DefaultIfEmpty(sla.Defaults.FirstAnswerWithin).Min();
        var cutoff = now - earliestDue;
        var candidates = await db.Threads
            .Where(t => t.Status == ThreadStatus.Open && t.FirstAnswerAt == null && t.OfferedToExpertsAt == null && t.CreatedAt <= cutoff && !t.IsLocked)
            .OrderBy(t => t.CreatedAt).Take(200).ToListAsync(ct);
        var offered = 0;
        var since = ExpertInvitationRules.DayStart(now);
        foreach (var thread in candidates)
        {
            if (!SlaBook.Evaluate(thread.CreatedAt, null, false, now, sla.For(thread.HubId, hubs)).IsFirstAnswerBreached) continue;
            var invited = await db.ExpertInvitations.Where(i => i.ThreadId == thread.Id).Select(i => i.ExpertId).ToListAsync(ct);
            var experts = await Leaderboard.TopAsync(db, calendar, now, thread.HubId, Period.AllTime, ExpertInvitationRules.ListedExperts, ct, excluding: [thread.AuthorId, .. invited]);
            var ids = experts.Select(e => e.UserId).ToList();
            var busy = await db.ExpertInvitations.Where(i => ids.Contains(i.ExpertId) && i.At >= since)
                .GroupBy(i => i.ExpertId).Where(g => g.Count() >= ExpertInvitationRules.MaxReceivedPerDay).Select(g => g.Key).ToListAsync(ct);
            foreach (var expert in experts.Where(e => !busy.Contains(e.UserId)).Take(ExpertInvitationRules.RoomForOffers(invited.Count)))
            {
                db.ExpertInvitations.Add(new ExpertInvitation { ThreadId = thread.Id, ExpertId = expert.UserId, InvitedById = SystemInviter, At = now });
                await notifier.NotifyAsync(new Notification
                {
                    UserId = expert.UserId, Kind = NotificationKind.ExpertInvitation, CreatedAt = now, Url = Urls.Thread(thread.Id, thread.Slug),
                }.Saying("Nobody has answered \"{0}\" yet – can you help? You are one of the hub's experts.", thread.Title), ct);
            }
            thread.OfferToExperts(now);
            offered++;
        }
        await db.SaveChangesAsync(ct);
        return offered;
    }
}

public sealed class OfferToExpertsWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<OfferToExpertsWorker> log) : Infrastructure.PeriodicJob(scopes, log)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);
    protected override bool IsEnabled => config.GetValue("Sla:OfferToExpertsInBackground", true);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        await services.GetRequiredService<OfferToExperts>().RunAsync(ct);
}
