using Community.Domain.Threads;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Support;

/// <summary>Readable test data: `await app.HubAsync("iphone-16")`, `await app.AskAsync(asker, hub, answers: 3)`.</summary>
public static class Given
{
    /// <summary>What the hub fan-out worker does moments after a post: tells the hub's followers. Returns the number of steps.</summary>
    public static Task<int> FanOutAsync(this CommunityApp app) =>
        Community.Web.Features.Following.FanOutStep.DrainAsync(app.Services, log: null, default);

    public static Task<Hub> HubAsync(this CommunityApp app, string? slug = null, string? name = null) =>
        app.WithDbAsync(async db =>
        {
            slug ??= "hub-" + Guid.NewGuid().ToString("N")[..8];
            var hub = new Hub { Slug = slug, Name = name ?? slug };
            db.Hubs.Add(hub);
            await db.SaveChangesAsync();
            return hub;
        });

    public sealed record AskedThread(int Id, string Slug, IReadOnlyList<int> AnswerIds)
    {
        public string Url => $"/t/{Id}/{Slug}";
    }

    /// <summary>Asks through the same request the page sends; answers come from fresh users unless given.</summary>
    public static async Task<AskedThread> AskAsync(this CommunityApp app, TestUser asker, Hub hub, string? title = null, string body = "My question text", int answers = 0, TestUser? answerer = null)
    {
        var result = await app.SendAsync(new Ask.Command(new Actor(asker.Id, false), hub.Slug, title ?? $"Question {Guid.NewGuid():N}", body, "test"));
        var ids = new List<int>();
        for (var i = 0; i < answers; i++)
        {
            var by = answerer ?? await app.CreateUserAsync();
            ids.Add(await app.SendAsync(new Answer.Command(new Actor(by.Id, false), result.Id, $"Answer number {i + 1}")));
        }
        return new AskedThread(result.Id, result.Slug, ids);
    }

    public static Task<T> SendAsync<T>(this CommunityApp app, ICommand<T> command) =>
        app.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(command));
}
