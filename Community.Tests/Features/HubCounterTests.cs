using Community.Domain;
using Community.Domain.Threads;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Moderation;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>The hub counters the home and hub pages show stay equal to the threads they count, whatever happens to them.</summary>
public class HubCounterTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task Counters_equal_a_fresh_count_after_hundreds_of_random_asks_answers_solutions_hides_and_moves()
    {
        var hubs = new[] { await app.HubAsync(), await app.HubAsync(), await app.HubAsync() };
        var moderator = new Actor((await app.CreateUserAsync(role: Roles.Moderator)).Id, IsModerator: true);
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var random = new Random(7);
        var threads = new List<Given.AskedThread>();
        for (var i = 0; i < 300; i++)
        {
            var step = random.Next(threads.Count < 5 ? 2 : 8);
            var thread = threads.Count > 0 ? threads[random.Next(threads.Count)] : null;
            try
            {
                switch (step)
                {
                    case 0 or 1:
                        threads.Add(await app.AskAsync(asker, hubs[random.Next(hubs.Length)], answers: random.Next(3), answerer: helper));
                        break;
                    case 2 when thread!.AnswerIds.Count > 0:
                        await app.SendAsync(new MarkSolution.Command(moderator, thread.Id, thread.AnswerIds[random.Next(thread.AnswerIds.Count)]));
                        break;
                    case 3:
                        await app.SendAsync(new MarkSolution.Command(moderator, thread!.Id, null));
                        break;
                    case 4:
                        await app.SendAsync(new HidePost.Command(moderator, await QuestionIdAsync(thread!.Id), "test", AsSpam: false));
                        break;
                    case 5:
                        await app.SendAsync(new UnhidePost.Command(moderator, await QuestionIdAsync(thread!.Id), "test"));
                        break;
                    case 6 when thread!.AnswerIds.Count > 0:
                        await app.SendAsync(new HidePost.Command(moderator, thread.AnswerIds[random.Next(thread.AnswerIds.Count)], "test", AsSpam: false));
                        break;
                    case 7:
                        await app.SendAsync(new MoveThread.Command(moderator, thread!.Id, hubs[random.Next(hubs.Length)].Slug, "test"));
                        break;
                }
            }
            catch (Exception e) when (e is DomainException or NotFoundException or ValidationFailedException)
            {
                // Refused (already hidden, already in that hub, a hidden answer as solution…): the counters must not move.
            }
        }

        var ids = hubs.Select(h => h.Id).ToList();
        var counters = await app.WithDbAsync(db => db.Hubs.Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.ThreadCount, h.SolvedCount }).OrderBy(h => h.Id).ToListAsync());
        var counted = await app.WithDbAsync(db => db.Hubs.Where(h => ids.Contains(h.Id)).Select(h => new
        {
            h.Id,
            ThreadCount = db.Threads.Count(t => t.HubId == h.Id),
            SolvedCount = db.Threads.Count(t => t.HubId == h.Id && t.Status == ThreadStatus.Solved),
        }).OrderBy(h => h.Id).ToListAsync());
        Assert.Equal(counted, counters);
        Assert.True(counted.Sum(c => c.SolvedCount) > 0 && counted.Sum(c => c.ThreadCount) > 20, "the replay reached solved and visible threads");
        var hidden = await app.WithDbAsync(db => db.Threads.IgnoreQueryFilters().CountAsync(t => ids.Contains(t.HubId) && t.IsHidden));
        Assert.True(hidden > 0, "the replay hid some threads");
    }

    private Task<int> QuestionIdAsync(int threadId) =>
        app.WithDbAsync(db => db.Posts.Where(p => p.ThreadId == threadId && p.IsQuestion).Select(p => p.Id).SingleAsync());
}
