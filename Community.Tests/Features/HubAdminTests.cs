using System.Net;
using Community.Domain.Moderation;
using Community.Tests.Support;
using Community.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Community.Tests.Features;

/// <summary>Admins add and change hubs in the browser (both languages, parent, position); everyone else is refused; a refused form keeps what was typed.</summary>
public class HubAdminTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private static Dictionary<string, string> Fields(string slug, string name, string nameDe = "", string parent = "", string sortOrder = "0", string description = "", string descriptionDe = "") => new()
    {
        ["Slug"] = slug, ["ParentId"] = parent, ["Name"] = name, ["Description"] = description, ["NameDe"] = nameDe, ["DescriptionDe"] = descriptionDe, ["SortOrder"] = sortOrder,
    };

    private static HttpClient German(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-AT");
        return client;
    }

    [Fact]
    public async Task An_admin_adds_a_hub_in_both_languages_and_readers_see_it_in_theirs()
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        var slug = "festnetz-" + Guid.NewGuid().ToString("N")[..6];
        var parent = await app.HubAsync();
        var added = await admin.PostFormAsync("/admin/hubs", Fields(slug, "Landline <b>phones</b>", "Festnetz-Telefone", parent.Id.ToString(), "3", "Cordless phones and fax", "Schnurlose Telefone und Fax"), "/admin/hubs");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await (await admin.GetAsync("/admin/hubs")).HtmlAsync();
        Assert.Contains($"The hub {slug} is added.", list);
        Assert.Contains("Landline &lt;b&gt;phones&lt;/b&gt;", list);

        var stored = await app.WithDbAsync(db => db.Hubs.AsNoTracking().SingleAsync(h => h.Slug == slug));
        Assert.Equal((parent.Id, 3, "Festnetz-Telefone", "Schnurlose Telefone und Fax"), (stored.ParentId, stored.SortOrder, stored.NameDe, stored.DescriptionDe));
        var english = await (await app.Browser().GetAsync($"/hubs/{slug}")).HtmlAsync();
        Assert.Contains("Cordless phones and fax", english);
        var german = await (await German(app.Browser()).GetAsync($"/hubs/{slug}")).HtmlAsync();
        Assert.Contains("Festnetz-Telefone", german);
        Assert.Contains("Schnurlose Telefone und Fax", german);
        // The ask form offers it at once (the page cache was emptied).
        Assert.Contains($"Landline &lt;b&gt;phones&lt;/b&gt;", await (await admin.GetAsync("/ask")).HtmlAsync());
        var log = await app.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.Detail == slug).Select(e => e.Action).ToListAsync());
        Assert.Equal([ModerationAction.CreateHub], log);
    }

    [Fact]
    public async Task An_admin_renames_a_hub_and_moves_it_but_not_inside_itself()
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        var top = await app.HubAsync();
        var below = await app.HubAsync();
        await app.WithDbAsync(async db => { (await db.Hubs.SingleAsync(h => h.Id == below.Id)).ParentId = top.Id; await db.SaveChangesAsync(); });
        var before = await app.Browser().GetStringAsync($"/hubs/{top.Slug}");

        var loop = await admin.PostFormAsync($"/admin/hubs/{top.Id}", Fields("", "Smartphones", "Handys", below.Id.ToString()), $"/admin/hubs/{top.Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, loop.StatusCode);
        var html = await loop.HtmlAsync();
        Assert.Contains("A hub cannot be placed inside itself or inside one of its own sub-hubs.", html);
        Assert.Contains("value=\"Handys\"", html);
        // The hub's own sub-hubs are not offered as its parent.
        Assert.DoesNotContain($"<option value=\"{below.Id}\"", await (await admin.GetAsync($"/admin/hubs/{top.Id}")).HtmlAsync());

        var saved = await admin.PostFormAsync($"/admin/hubs/{top.Id}", Fields("ignored-on-edit", "Smartphones", "Handys", sortOrder: "-2"), $"/admin/hubs/{top.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var hub = await app.WithDbAsync(db => db.Hubs.AsNoTracking().SingleAsync(h => h.Id == top.Id));
        Assert.Equal((top.Slug, "Smartphones", "Handys", -2), (hub.Slug, hub.Name, hub.NameDe, hub.SortOrder));
        Assert.DoesNotContain("Smartphones", before);
        Assert.Contains("Handys", await (await German(app.Browser()).GetAsync($"/hubs/{top.Slug}")).HtmlAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/hubs/999999")).StatusCode);
    }

    [Theory]
    [InlineData("Bad Slug", "WLAN", "0", "Slug", "lower-case letters")]
    [InlineData("wlan-{0}", "", "0", "Name", "Enter the hub's English name.")]
    [InlineData("wlan-{0}", "WLAN", "vier", "SortOrder", "Enter the position as a whole number.")]
    [InlineData("wlan-{0}", "WLAN", "20000", "SortOrder", "between -10000 and 10000")]
    public async Task A_refused_hub_form_names_the_field_and_keeps_what_was_typed(string slug, string name, string sortOrder, string field, string message)
    {
        var admin = await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin));
        slug = string.Format(slug, Guid.NewGuid().ToString("N")[..6]);
        var response = await admin.PostFormAsync("/admin/hubs", Fields(slug, name, "Mein WLAN", sortOrder: sortOrder), "/admin/hubs");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(WebUtility.HtmlEncode(message).Replace("&#39;", "&#x27;"), html.Replace("&#39;", "&#x27;"));
        Assert.Contains($"id=\"{field}\"", html);
        Assert.Matches($"id=\"{field}\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"Mein WLAN\"", html);
        Assert.False(await app.WithDbAsync(db => db.Hubs.AnyAsync(h => h.Slug == slug)));
    }

    [Fact]
    public async Task A_taken_address_is_refused_in_German_too()
    {
        var existing = await app.HubAsync();
        var admin = German(await app.LoginAsync(await app.CreateUserAsync(role: Roles.Admin)));
        var response = await admin.PostFormAsync("/admin/hubs", Fields(existing.Slug, "Duplicate"), "/admin/hubs");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"Die Adresse „{existing.Slug}“ hat schon ein anderer Bereich.", await response.HtmlAsync());
    }

    [Fact]
    public async Task Only_admins_reach_the_hub_pages_and_the_command_checks_the_role_itself()
    {
        Assert.Contains("/account/login", (await app.Browser().GetAsync("/admin/hubs")).Headers.Location!.OriginalString);
        var hub = await app.HubAsync();
        foreach (var role in new string?[] { null, Roles.Moderator, Roles.Support })
        {
            var client = await app.LoginAsync(await app.CreateUserAsync(role: role));
            foreach (var page in new[] { "/admin/hubs", $"/admin/hubs/{hub.Id}" })
                Assert.Contains("/account/denied", (await client.GetAsync(page)).Headers.Location!.OriginalString);
            var post = await client.PostFormAsync($"/admin/hubs/{hub.Id}", Fields("", "Taken over"), "/");
            Assert.Contains("/account/denied", post.Headers.Location!.OriginalString);
        }
        Assert.Equal(hub.Name, await app.WithDbAsync(db => db.Hubs.Where(h => h.Id == hub.Id).Select(h => h.Name).SingleAsync()));
        var customer = await app.CreateUserAsync();
        var refused = await Assert.ThrowsAsync<Community.Domain.ForbiddenException>(() => app.SendAsync(
            new Community.Web.Features.Hubs.SaveHub.Command(new Community.Web.Infrastructure.Actor(customer.Id, true), null, "sneaky-" + Guid.NewGuid().ToString("N")[..4], null, "Sneaky", null, null, null, 0)));
        Assert.Equal("Only admins can change hubs.", refused.Message);
    }
}
