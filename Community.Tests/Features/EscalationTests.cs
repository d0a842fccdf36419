using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Domain.Escalation;
using Community.Domain.Moderation;
using Community.Tests.Support;
using Community.Web.Data;
using Community.Web.Features.Escalations;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Moderators escalate, the helpdesk updates with its API key, the asker sees every step.</summary>
public class EscalationTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private async Task<(TestUser Asker, Given.AskedThread Thread, HttpClient Moderator)> EscalatedThreadAsync(string note = "Customer's router reboots every hour; reset did not help")
    {
        var asker = await app.CreateUserAsync();
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "Router reboots every hour", body: "My WLAN box reboots every hour since Monday.", answers: 1);
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var response = await moderator.PostFormAsync($"{thread.Url}?handler=Escalate", new() { ["EscalationNote"] = note, ["EscalationPriority"] = "High" }, thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (asker, thread, moderator);
    }

    private async Task<HttpClient> HelpdeskAsync(string scopes = "escalations:read escalations:write", bool withAgent = true)
    {
        var agent = withAgent ? await app.CreateUserAsync(role: Roles.Support) : null;
        var key = await app.SendAsync(new CreateHelpdeskKey.Command("Zendesk " + Guid.NewGuid().ToString("N")[..6], scopes, agent?.Name));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(HelpdeskKeyFormat.Header, key);
        return client;
    }

    private Task<int> EscalationIdAsync(int threadId) => app.WithDbAsync(db => db.Escalations.Where(e => e.ThreadId == threadId).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task A_moderator_escalates_the_asker_sees_the_status_and_the_event_is_in_the_outbox()
    {
        var asker = await app.CreateUserAsync();
        await app.LinkAsync(asker, "55554444");
        var thread = await app.AskAsync(asker, await app.HubAsync(), title: "eSIM will not activate", body: "The QR code says invalid.");
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var escalated = await moderator.PostFormAsync($"{thread.Url}?handler=Escalate",
            new() { ["EscalationNote"] = "Needs a new eSIM profile", ["EscalationPriority"] = "Urgent" }, thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, escalated.StatusCode);

        var page = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Our support team is looking into this", page);
        var evt = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.Type == "thread.escalated" && e.Payload.Contains(thread.Url)).Select(e => e.Payload).SingleAsync());
        var data = JsonDocument.Parse(evt).RootElement.GetProperty("data");
        Assert.EndsWith(thread.Url, data.GetProperty("threadUrl").GetString());
        Assert.Equal("eSIM will not activate", data.GetProperty("title").GetString());
        Assert.Equal("The QR code says invalid.", data.GetProperty("question").GetString());
        Assert.Equal("55554444", data.GetProperty("askerCustomerNumber").GetString());
        Assert.Equal("Needs a new eSIM profile", data.GetProperty("note").GetString());
        Assert.Equal("urgent", data.GetProperty("priority").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.ThreadId == thread.Id && a.Action == ModerationAction.EscalateThread)));
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == asker.Id && n.Text.Contains("support team is now looking"))));

        var again = await moderator.PostFormAsync($"{thread.Url}?handler=Escalate", new() { ["EscalationNote"] = "again", ["EscalationPriority"] = "Low" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already with support", await again.HtmlAsync());
        var (_, unlinkedThread, _) = await EscalatedThreadAsync();
        var unlinked = await app.WithDbAsync(db => db.OutboxEvents.Where(e => e.Type == "thread.escalated" && e.Payload.Contains(unlinkedThread.Url)).Select(e => e.Payload).SingleAsync());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(unlinked).RootElement.GetProperty("data").GetProperty("askerCustomerNumber").ValueKind);
    }

    [Fact]
    public async Task An_escalation_without_a_note_is_refused_and_only_moderators_escalate()
    {
        var thread = await app.AskAsync(await app.CreateUserAsync(), await app.HubAsync());
        var moderator = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Moderator));
        var empty = await moderator.PostFormAsync($"{thread.Url}?handler=Escalate", new() { ["EscalationNote"] = " ", ["EscalationPriority"] = "High" }, thread.Url);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Tell support what the customer needs", await empty.HtmlAsync());

        foreach (var role in new string?[] { null, Roles.Support })
        {
            var client = await app.LoginAsync(await app.CreateUserAsync(role: role));
            var response = await client.PostFormAsync($"{thread.Url}?handler=Escalate", new() { ["EscalationNote"] = "n", ["EscalationPriority"] = "High" }, thread.Url);
            Assert.Contains("/account/denied", response.Headers.Location!.OriginalString);
        }
        Assert.False(await app.WithDbAsync(db => db.Escalations.AnyAsync(e => e.ThreadId == thread.Id)));
    }

    [Fact]
    public async Task The_helpdesk_acknowledges_and_resolves_with_an_official_answer_and_the_asker_sees_each_step()
    {
        var (asker, thread, _) = await EscalatedThreadAsync();
        var id = await EscalationIdAsync(thread.Id);
        var helpdesk = await HelpdeskAsync();

        var list = await helpdesk.GetFromJsonAsync<JsonElement>("/api/v1/escalations?status=escalated");
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);

        var ack = await helpdesk.PutAsJsonAsync($"/api/v1/escalations/{id}/status", new { status = "acknowledged", ticketRef = "INC-4711" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Contains("ticket <strong>INC-4711</strong>", await (await app.Browser().GetAsync(thread.Url)).HtmlAsync());

        var resolved = await helpdesk.PutAsJsonAsync($"/api/v1/escalations/{id}/status",
            new { status = "resolved", answer = "We replaced the faulty power supply; a courier brings the new one tomorrow." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var body = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", body.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("firstSupportResponseAt").ValueKind);

        var page = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Resolved by our support team", page);
        var official = page.IndexOf("Official answer from our support team", StringComparison.Ordinal);
        Assert.True(official > 0);
        Assert.True(official < page.IndexOf("id=\"answers-h\"", StringComparison.Ordinal), "the official answer comes right under the question");
        Assert.Contains("faulty power supply", page[official..]);

        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.ThreadId == thread.Id).OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorLabel, a.ActorId }).ToListAsync());
        Assert.Equal([ModerationAction.EscalateThread, ModerationAction.AcknowledgeEscalation, ModerationAction.ResolveEscalation], audit.Select(a => a.Action));
        Assert.StartsWith("helpdesk key Zendesk", audit[2].ActorLabel);
        Assert.Null(audit[2].ActorId);
        var notes = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == asker.Id).Select(n => n.Text).ToListAsync());
        Assert.Contains(notes, n => n.Contains("ticket INC-4711"));
        Assert.Contains(notes, n => n.Contains("Support has resolved"));
        // Answers to the asker are grouped while unread: the official one is the latest of two.
        Assert.Contains(notes, n => n.Contains("the latest by the support team"));

        var conflict = await helpdesk.PutAsJsonAsync($"/api/v1/escalations/{id}/status", new { status = "acknowledged", ticketRef = "INC-1" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("already resolved", await conflict.Content.ReadAsStringAsync());

        var escalationsPage = await (await app.LoginAsync(await app.CreateUserAsync(role: Roles.Support))).GetAsync("/escalations?status=resolved");
        Assert.Contains("Router reboots every hour", await escalationsPage.HtmlAsync());
    }

    [Fact]
    public async Task The_helpdesk_api_needs_a_key_with_the_right_scope_and_no_personal_token_works()
    {
        var (_, thread, _) = await EscalatedThreadAsync();
        var id = await EscalationIdAsync(thread.Id);
        var url = $"/api/v1/escalations/{id}/status";
        var ack = new { status = "acknowledged", ticketRef = "INC-9" };

        var anonymous = await app.CreateClient().PutAsJsonAsync(url, ack);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("X-Api-Key", await anonymous.Content.ReadAsStringAsync());

        var person = app.CreateClient();
        person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync(role: Roles.Admin)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.PutAsJsonAsync(url, ack)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/v1/escalations")).StatusCode);

        var readOnly = await HelpdeskAsync("escalations:read");
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync($"/api/v1/escalations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PutAsJsonAsync(url, ack)).StatusCode);

        var writer = await HelpdeskAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.PostAsJsonAsync("/api/v1/threads", new { hub = "x", title = "Key posing as a person", body = "b" })).StatusCode);
        var bad = await writer.PutAsJsonAsync(url, new { status = "done" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("status", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PutAsJsonAsync("/api/v1/escalations/999999/status", ack)).StatusCode);
        var noAgent = await HelpdeskAsync(withAgent: false);
        var refused = await noAgent.PutAsJsonAsync(url, new { status = "resolved", answer = "An answer" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("no support account", await refused.Content.ReadAsStringAsync());
        Assert.Equal(EscalationStatus.Escalated, await app.WithDbAsync(db => db.Escalations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));

        var revokedName = "Old helpdesk " + Guid.NewGuid().ToString("N")[..6];
        var revokedKey = await app.SendAsync(new CreateHelpdeskKey.Command(revokedName, "escalations:write", null));
        await app.SendAsync(new RevokeHelpdeskKey.Command(revokedName));
        var revoked = app.CreateClient();
        revoked.DefaultRequestHeaders.Add(HelpdeskKeyFormat.Header, revokedKey);
        var gone = await revoked.PutAsJsonAsync(url, ack);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        Assert.Contains("revoked", await gone.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_support_agent_answering_on_the_thread_gives_the_official_answer_and_the_first_support_response()
    {
        var (_, thread, _) = await EscalatedThreadAsync();
        var agent = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Support));
        var response = await agent.PostFormAsync($"{thread.Url}?handler=Answer", new() { ["AnswerBody"] = "We are checking your line remotely now." }, thread.Url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Escalations.Where(e => e.ThreadId == thread.Id).Select(e => e.FirstSupportResponseAt).SingleAsync()));
        var page = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        Assert.Contains("Official answer from our support team", page);
        // The banner follows: support has answered, it no longer says it is looking into it.
        Assert.Contains("Our support team has answered – see their official answer below the question.", page);
        Assert.DoesNotContain("Our support team is looking into this", page);
    }
}
