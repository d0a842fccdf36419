using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Community.Tests.Features;

/// <summary>A thread page's live connection hears of a new answer once it is committed, also when it is connected to another instance.</summary>
public class LiveUpdateTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    /// <summary>A bound on how long a failing test waits, not a guess at when it happens: the message is awaited as a signal.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    internal static async Task<(HubConnection Connection, TaskCompletionSource<int[]> Answers)> ListenAsync(CommunityApp instance, int threadId,
        System.Collections.Concurrent.ConcurrentQueue<LiveAnswers>? everything = null)
    {
        var server = instance.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var answers = new TaskCompletionSource<int[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<LiveAnswers>("answers", m =>
        {
            everything?.Enqueue(m);
            if (m.ThreadId == threadId) answers.TrySetResult(m.PostIds);
        });
        await connection.StartAsync();
        await connection.InvokeAsync("WatchThread", threadId);
        return (connection, answers);
    }

    internal sealed record LiveAnswers(int ThreadId, int[] PostIds);

    [Fact]
    public async Task A_new_answer_reaches_the_threads_readers_and_only_them()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Live über SignalR");
        var other = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync(), "Ein anderer Thread");
        var (reader, heard) = await ListenAsync(app, thread.Id);
        var bystanderHeard = new System.Collections.Concurrent.ConcurrentQueue<LiveAnswers>();
        var (bystander, heardByBystander) = await ListenAsync(app, other.Id, bystanderHeard);
        await using (reader)
        await using (bystander)
        {
            var answerId = await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id, "Kommt sofort an."));
            Assert.Equal([answerId], await heard.Task.WaitAsync(Bound));
            // Then an answer in the other thread: a connection's messages arrive in order, so had the first answer
            // reached the other thread's reader, it would be in its queue before this one.
            var otherAnswer = await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), other.Id, "Nur für den anderen Thread."));
            Assert.Equal([otherAnswer], await heardByBystander.Task.WaitAsync(Bound));
            Assert.Equal([other.Id], bystanderHeard.Select(m => m.ThreadId));
        }
    }

    [Fact]
    public async Task A_refused_answer_sends_nothing()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var (reader, heard) = await ListenAsync(app, thread.Id);
        await using (reader)
        {
            var writer = await app.CreateUserAsync();
            await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new Answer.Command(new Actor(writer.Id, false), thread.Id, "")));
            var answerId = await app.SendAsync(new Answer.Command(new Actor((await app.CreateUserAsync()).Id, false), thread.Id, "Jetzt aber."));
            // The first message the reader gets is the committed answer's, not the refused one's.
            Assert.Equal([answerId], await heard.Task.WaitAsync(Bound));
        }
    }
}

/// <summary>Two instances on one database and one Redis: the SignalR backplane carries an answer written on one to readers on the other.</summary>
public sealed class LiveUpdateScaleOutTests
{
    [RedisFact]
    public async Task An_answer_written_on_one_instance_reaches_a_reader_connected_to_the_other()
    {
        using var redis = new RedisServer();
        await using var first = new RedisInstanceApp(redis.ConnectionString, "web-1");
        _ = first.Services;
        await using var second = new RedisInstanceApp(first, redis.ConnectionString, "web-2");
        _ = second.Services;
        var thread = await first.AskAsync(await first.CreateUserAsync(), await first.HubAsync(), "Live über zwei Instanzen");

        var (reader, heard) = await LiveUpdateTests.ListenAsync(second, thread.Id);
        await using (reader)
        {
            var answerId = await first.SendAsync(new Answer.Command(new Actor((await first.CreateUserAsync()).Id, false), thread.Id, "Über Redis angekommen."));
            Assert.Equal([answerId], await heard.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
    }
}
