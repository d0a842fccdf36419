using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Community.Domain.Notifications;
using Community.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Notifications name who caused them, are read when opened, and are paged.</summary>
public class NotificationReadingTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    [Fact]
    public async Task An_answer_notification_names_the_answerer_and_opening_it_marks_it_read_and_goes_to_the_thread()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), "Router blinkt orange", answers: 1, answerer: helper);
        var client = await app.LoginAsync(asker);

        var page = await (await client.GetAsync("/notifications")).HtmlAsync();
        var id = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == asker.Id).Select(n => n.Id).SingleAsync());
        Assert.Contains($"<a href=\"/notifications/{id}/open\">{helper.Name} answered your question &quot;Router blinkt orange&quot;.</a>", page);
        Assert.Contains("<li class=\"unread\">", page);

        var open = await client.GetAsync($"/notifications/{id}/open");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal(thread.Url, open.Headers.Location!.OriginalString);
        Assert.Contains("<li class=\"read\">", await (await client.GetAsync("/notifications")).HtmlAsync());
        Assert.NotNull(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));

        // Someone else's notification is not there for them, and stays unread for its owner.
        var other = await app.CreateUserAsync();
        var stranger = await app.LoginAsync(other);
        await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTimeOffset?)null)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/notifications/{id}/open")).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync($"/notifications/{id}/open")).StatusCode);
    }

    [Fact]
    public async Task The_api_pages_notifications_with_actor_and_read_and_marks_one_read()
    {
        var asker = await app.CreateUserAsync();
        var helper = await app.CreateUserAsync();
        await app.AskAsync(asker, await app.HubAsync(), "Rechnung falsch", answers: 1, answerer: helper);
        await app.WithDbAsync(async db =>
        {
            var start = DateTimeOffset.UtcNow.AddDays(-10);
            for (var i = 0; i < 59; i++)
                db.Notifications.Add(new Notification { UserId = asker.Id, Kind = NotificationKind.Badge, Url = "/badges", CreatedAt = start.AddMinutes(i) }.Saying("Old notice {0}", i.ToString()));
            await db.SaveChangesAsync();
        });
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(asker));

        var first = JsonDocument.Parse(await api.GetStringAsync("/api/v1/notifications")).RootElement;
        Assert.Equal(50, first.GetArrayLength());
        var newest = first[0];
        Assert.Equal("answer", newest.GetProperty("kind").GetString());
        Assert.Equal(helper.Name, newest.GetProperty("actor").GetString());
        Assert.False(newest.GetProperty("read").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first[1].GetProperty("actor").ValueKind);
        Assert.Equal(10, JsonDocument.Parse(await api.GetStringAsync("/api/v1/notifications?page=2")).RootElement.GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(await api.GetStringAsync("/api/v1/notifications?page=3")).RootElement.GetArrayLength());
        var bad = await api.GetAsync("/api/v1/notifications?page=0");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("\"page\"", await bad.Content.ReadAsStringAsync());

        var id = newest.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.True(JsonDocument.Parse(await api.GetStringAsync("/api/v1/notifications")).RootElement[0].GetProperty("read").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync("/api/v1/notifications/999999999/read", null)).StatusCode);

        // The page shows 50 and leads to the older ones.
        var client = await app.LoginAsync(asker);
        var page = await (await client.GetAsync("/notifications")).HtmlAsync();
        Assert.Contains("<a rel=\"next\" href=\"/notifications?page=2\">", page);
        var second = await (await client.GetAsync("/notifications?page=2")).HtmlAsync();
        Assert.Contains("Old notice 0", second);
        Assert.Contains("<a rel=\"prev\" href=\"/notifications\">", second);
        Assert.DoesNotContain("rel=\"next\"", second);
    }
}
