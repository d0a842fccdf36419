using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Community.Tests.Support;
using Community.Web.Features.Threads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Community.Tests.Features;

/// <summary>A community with small upload limits, so "too large" and "over quota" are quick to reach.</summary>
public sealed class SmallUploadsApp : CommunityApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:MaxBytes", "200000");
        builder.UseSetting("Uploads:DailyQuotaBytes", "400000");
        builder.UseSetting("Uploads:ThumbnailWidth", "100");
    }
}

/// <summary>Images are decoded and written again by the app: what is not an image, too big or a bomb is refused with 422 naming the field.</summary>
public class UploadTests(SmallUploadsApp app) : IClassFixture<SmallUploadsApp>
{
    private async Task<(HttpClient Client, string Token)> SignedInAsync()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync());
        return (client, await client.PageTokenAsync("/ask"));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    public static TheoryData<string, string, string> Images => new()
    {
        { "png", "image/png", "png" },
        { "jpeg", "image/jpeg", "jpg" },
        { "webp", "image/webp", "webp" },
        { "gif", "image/gif", "png" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public async Task A_real_image_is_stored_re_encoded_and_served_from_this_site_for_a_year(string kind, string type, string storedAs)
    {
        var (client, token) = await SignedInAsync();
        var bytes = kind switch { "png" => TestImages.Png(), "jpeg" => TestImages.Jpeg(), "webp" => TestImages.Webp(), _ => TestImages.Gif() };
        // The declared name and type do not matter: the decoder decides.
        var response = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(bytes, "upload.bin", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        var url = json.GetProperty("url").GetString()!;
        Assert.Matches($"^/uploads/[0-9a-f]{{32}}-\\d+x\\d+\\.{storedAs}$", url);
        Assert.Equal(kind == "gif" ? 1 : 40, json.GetProperty("width").GetInt32());

        var served = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(storedAs == "jpg" ? "image/jpeg" : "image/" + storedAs, served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(json.GetProperty("height").GetInt32(), decoded.Height);
        _ = type;
    }

    [Fact]
    public async Task Exif_and_gps_are_gone_from_the_stored_photo()
    {
        var (client, token) = await SignedInAsync();
        var original = TestImages.JpegWithGps();
        Assert.Contains(TestImages.GpsMarker, Encoding.ASCII.GetString(original));
        var response = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(original, "IMG_0001.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await (await app.Browser().GetAsync((await JsonAsync(response)).GetProperty("url").GetString())).Content.ReadAsByteArrayAsync();
        var text = Encoding.ASCII.GetString(stored);
        Assert.DoesNotContain(TestImages.GpsMarker, text);
        Assert.DoesNotContain("Exif", text);
    }

    public static TheoryData<string> Refused => ["executable", "svg", "bomb", "too-large", "empty", "missing"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task What_is_not_an_acceptable_image_is_refused_with_422_naming_the_file(string kind)
    {
        var (client, token) = await SignedInAsync();
        HttpContent content = kind switch
        {
            "executable" => TestImages.Form([(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. new byte[2000]], "router.png", "image/png"),
            "svg" => TestImages.Form(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "led.svg", "image/svg+xml"),
            "bomb" => TestImages.Form(TestImages.PngBomb(), "bomb.png"),
            "too-large" => TestImages.Form(RandomBytes(300_000), "big.png"),
            "empty" => TestImages.Form([], "empty.png"),
            _ => new MultipartFormDataContent { { new StringContent("x"), "other" } },
        };
        var response = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, content);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains(kind switch
        {
            "bomb" => "20000 × 20000",
            "too-large" => "too large",
            "empty" => "empty",
            "missing" => "Choose an image",
            _ => "not a PNG, JPEG, WebP or GIF",
        }, message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Uploads.CountAsync(u => u.Width == 20_000)));
    }

    [Fact]
    public async Task The_quota_per_person_and_day_is_kept_and_others_are_not_affected()
    {
        var (client, token) = await SignedInAsync();
        // Noise does not compress: each stored image is about 120 kB; the quota is 400 kB a day.
        var noisy = Noise(200, 150);
        var results = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) results.Add((await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(noisy))).StatusCode);
        Assert.Contains(HttpStatusCode.Created, results);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, results[^1]);
        var refused = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(noisy));
        Assert.Contains("quota", (await JsonAsync(refused)).GetProperty("errors").GetProperty("file")[0].GetString());

        var (other, otherToken) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.SendFromPageAsync(HttpMethod.Post, "/uploads", otherToken, TestImages.Form(TestImages.Png()))).StatusCode);
    }

    [Fact]
    public async Task Uploading_needs_a_signed_in_page_or_a_write_token()
    {
        var (client, token) = await SignedInAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/uploads", TestImages.Form(TestImages.Png()))).StatusCode);
        var anonymous = await app.Browser().SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(TestImages.Png()));
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, anonymous.StatusCode.ToString());

        var api = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/uploads", TestImages.Form(TestImages.Png()))).StatusCode);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateTokenAsync(await app.CreateUserAsync()));
        var created = await api.PostAsync("/api/v1/uploads", TestImages.Form(TestImages.Webp()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var svg = await api.PostAsync("/api/v1/uploads", TestImages.Form(Encoding.UTF8.GetBytes("<svg/>"), "x.svg", "image/svg+xml"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, svg.StatusCode);
        Assert.True((await JsonAsync(svg)).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task An_uploaded_image_shows_inline_as_a_sized_thumbnail_linked_to_the_full_image_and_external_images_stay_links()
    {
        var (client, token) = await SignedInAsync();
        var url = (await JsonAsync(await client.SendFromPageAsync(HttpMethod.Post, "/uploads", token, TestImages.Form(TestImages.Png(400, 300)))))
            .GetProperty("url").GetString()!;
        var asker = await app.CreateUserAsync();
        var thread = await app.SendAsync(new Ask.Command(new Actor(asker.Id, false), (await app.HubAsync()).Slug, "Router LEDs blinken rot",
            $"So sieht es aus:\n\n![Status-LEDs]({url})\n\n![extern](https://example.com/led.png)", ""));
        var html = await (await app.Browser().GetAsync(thread.Url)).HtmlAsync();
        var thumb = url.Replace(".png", ".thumb.png");
        Assert.Contains($"<a href=\"{url}\" class=\"uploaded-image\"><img src=\"{thumb}\" alt=\"Status-LEDs\" width=\"100\" height=\"75\" loading=\"lazy\"></a>", html);
        Assert.Contains("Image: extern</a>", html);
        Assert.DoesNotContain("src=\"https://example.com", html);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(thumb)).StatusCode);
        // Names that are not a stored image's are not served (no path tricks).
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/uploads/..%2Fcommunity.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/uploads/" + new string('0', 32) + "-1x1.png")).StatusCode);
    }

    private static byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        new Random(7).NextBytes(b);
        return b;
    }

    private static byte[] Noise(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(11);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}

/// <summary>
/// Uploads nobody used are removed after Uploads:UnusedHours (48), rows and files: an image never posted, a replaced
/// picture. Kept: an image a post shows, one a draft still holds, the current picture, anything younger.
/// </summary>
public class UnusedUploadTests(CommunityApp app) : IClassFixture<CommunityApp>
{
    private async Task<string> UploadAsync(HttpClient client, byte[] image) =>
        JsonDocument.Parse(await (await client.SendFromPageAsync(HttpMethod.Post, "/uploads", await client.PageTokenAsync("/ask"), TestImages.Form(image))).Content.ReadAsStringAsync())
            .RootElement.GetProperty("url").GetString()!;

    private async Task<string> AvatarAsync(HttpClient client, TestUser person)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetAvatarAsync(TestImages.Png(80, 80))).StatusCode);
        return await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.AvatarKey!).SingleAsync());
    }

    /// <summary>One round of the hourly job, as it runs: in a transaction with the write turn.</summary>
    private Task<int> SweepAsync(DateTimeOffset now) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Community.Web.Data.CommunityDb>();
        await using var tx = await db.BeginCommandTransactionAsync(default);
        var removed = await Community.Web.Features.Uploads.UnusedUploadSweeper.SweepAsync(db, sp.GetRequiredService<Community.Web.Features.Uploads.IUploadStore>(),
            sp.GetRequiredService<Community.Domain.Uploads.UploadOptions>(), now, default);
        await tx.CommitAsync();
        return removed;
    });

    private bool Stored(string url) =>
        Directory.EnumerateFiles(app.UploadDirectory, Path.GetFileName(url), SearchOption.AllDirectories).Any();

    [Fact]
    public async Task Uploads_nobody_used_go_after_two_days_with_their_files_and_used_ones_stay()
    {
        var person = await app.CreateUserAsync();
        var client = await app.LoginAsync(person);
        var posted = await UploadAsync(client, TestImages.Png(1200, 300));
        var drafted = await UploadAsync(client, TestImages.Png());
        var abandoned = await UploadAsync(client, TestImages.Png(1200, 300));
        var thread = await app.AskAsync(person, await app.HubAsync(), body: $"So sieht es aus:\n\n![LEDs]({posted})");
        await client.SendFromPageAsync(HttpMethod.Put, $"/drafts/answer-{thread.Id}", await client.PageTokenAsync(thread.Url),
            System.Net.Http.Json.JsonContent.Create(new { body = $"Noch nicht fertig ![]({drafted})" }));
        var oldPicture = await AvatarAsync(client, person);
        var picture = await AvatarAsync(client, person);
        Assert.NotEqual(oldPicture, picture);

        // Nothing is younger than two days yet.
        Assert.Equal(0, await SweepAsync(DateTimeOffset.UtcNow));
        var later = DateTimeOffset.UtcNow.AddHours(49);
        Assert.Equal(2, await SweepAsync(later));

        var keys = await app.WithDbAsync(db => db.Uploads.Where(u => u.UserId == person.Id).Select(u => u.Key).ToListAsync());
        Assert.Equal(3, keys.Count);
        Assert.Contains(picture, keys);
        Assert.DoesNotContain(oldPicture, keys);
        Assert.True(Stored(posted));
        Assert.True(Stored(posted.Replace(".png", ".thumb.png")));
        Assert.True(Stored(drafted));
        Assert.False(Stored(abandoned));
        Assert.False(Stored(abandoned.Replace(".png", ".thumb.png")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(abandoned)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(posted)).StatusCode);
        Assert.Equal("image/png", (await app.Browser().GetAsync($"/u/{person.Name}/avatar")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await SweepAsync(later));
    }

    [Fact]
    public async Task An_image_a_post_shows_without_having_claimed_it_is_kept()
    {
        // Written by an instance of an older version during an upgrade: the post shows the thumbnail, the upload is unmarked.
        var person = await app.CreateUserAsync();
        var url = await UploadAsync(await app.LoginAsync(person), TestImages.Png(1200, 300));
        await app.AskAsync(person, await app.HubAsync(), body: $"Siehe [Bild]({url.Replace(".png", ".thumb.png")})");
        var key = Path.GetFileNameWithoutExtension(url);
        Assert.NotNull(await app.WithDbAsync(db => db.Uploads.Where(u => u.Key == key).Select(u => u.UsedAt).SingleAsync()));
        await app.WithDbAsync(db => db.Uploads.Where(u => u.Key == key).ExecuteUpdateAsync(s => s.SetProperty(u => u.UsedAt, (DateTimeOffset?)null)));

        await SweepAsync(DateTimeOffset.UtcNow.AddHours(49));
        Assert.True(await app.WithDbAsync(db => db.Uploads.AnyAsync(u => u.Key == key)));
        Assert.True(Stored(url));
    }
}
