using System.Net;
using System.Text.Json;
using Community.Domain;
using Community.Tests.Support;
using Community.Web.Features.Uploads;
using Community.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Tests.Features;

/// <summary>One moto server for the class, started on first use (not at all where the tests are skipped).</summary>
public sealed class S3Fixture : IDisposable
{
    private readonly Lazy<S3Server> _server = new(() => new S3Server());

    public S3Server Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

/// <summary>A community whose uploads go to an S3-compatible bucket (<c>Uploads:Store = s3</c>), not to a folder.</summary>
public sealed class S3CommunityApp : CommunityApp
{
    private readonly string serviceUrl;
    private readonly string bucket;

    public S3CommunityApp(string serviceUrl, string bucket) => (this.serviceUrl, this.bucket) = (serviceUrl, bucket);

    /// <summary>A second instance on the first one's database and bucket, with a folder of its own.</summary>
    public S3CommunityApp(S3CommunityApp first) : base(first) => (serviceUrl, bucket) = (first.serviceUrl, first.bucket);

    public string? InstanceUploadDirectory { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Uploads:Store", "s3");
        builder.UseSetting("Uploads:S3:ServiceUrl", serviceUrl);
        builder.UseSetting("Uploads:S3:Bucket", bucket);
        builder.UseSetting("Uploads:S3:AccessKey", S3Server.AccessKey);
        builder.UseSetting("Uploads:S3:SecretKey", S3Server.SecretKey);
        builder.UseSetting("Uploads:S3:TimeoutSeconds", "5");
        if (InstanceUploadDirectory is not null) builder.UseSetting("Uploads:Directory", InstanceUploadDirectory);
    }
}

/// <summary>
/// Uploads in an S3-compatible bucket, against a real S3 server (moto) over HTTP with signed requests: stored, served
/// from this site, shared by two instances without a shared folder, removed with an account, never left behind by a
/// refused upload, and a store that is down answers 503 without recording anything.
/// </summary>
public class S3UploadStoreTests(S3Fixture s3) : IClassFixture<S3Fixture>
{
    private static async Task<JsonElement> UploadAsync(HttpClient client, byte[] image, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", await client.PageTokenAsync("/ask"), TestImages.Form(image));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [S3Fact]
    public async Task An_upload_is_stored_in_the_bucket_and_served_from_this_site()
    {
        var bucket = await s3.Server.CreateBucketAsync();
        using var app = new S3CommunityApp(s3.Server.ServiceUrl, bucket);
        var client = await app.LoginAsync(await app.CreateUserAsync());

        var url = (await UploadAsync(client, TestImages.Png(1200, 300))).GetProperty("url").GetString()!;
        var name = url["/uploads/".Length..];
        // The full image and the thumbnail, under the prefix; nothing in the local folder.
        Assert.Equal(new[] { "uploads/" + name, "uploads/" + name.Replace(".png", ".thumb.png") }.Order(StringComparer.Ordinal), await s3.Server.KeysAsync(bucket));
        Assert.False(Directory.Exists(app.UploadDirectory) && Directory.EnumerateFiles(app.UploadDirectory, "*", SearchOption.AllDirectories).Any());
        using (var client3 = s3.Server.Client())
        {
            using var stored = await client3.GetObjectAsync(bucket, "uploads/" + name);
            Assert.Equal("image/png", stored.Headers.ContentType);
            Assert.Equal("public, max-age=31536000, immutable", stored.Headers.CacheControl);
        }

        var served = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl!.ToString());
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync())) Assert.Equal((1200, 300), (bitmap.Width, bitmap.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/uploads/" + new string('0', 32) + "-1x1.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/healthz/ready")).StatusCode);
    }

    [S3Fact]
    public async Task Two_instances_without_a_shared_folder_serve_each_others_uploads()
    {
        var bucket = await s3.Server.CreateBucketAsync();
        using var first = new S3CommunityApp(s3.Server.ServiceUrl, bucket);
        var person = await first.CreateUserAsync();
        using var second = new S3CommunityApp(first) { InstanceUploadDirectory = Path.Combine(first.Root, "second-instance-uploads") };

        var fromFirst = (await UploadAsync(await first.LoginAsync(person), TestImages.Jpeg(50, 40))).GetProperty("url").GetString()!;
        var fromSecond = (await UploadAsync(await second.LoginAsync(person), TestImages.Webp(30, 20))).GetProperty("url").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await second.Browser().GetAsync(fromFirst)).StatusCode);
        Assert.Equal("image/jpeg", (await second.Browser().GetAsync(fromFirst)).Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/webp", (await first.Browser().GetAsync(fromSecond)).Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, await first.WithDbAsync(db => db.Uploads.CountAsync(u => u.UserId == person.Id)));
    }

    [S3Fact]
    public async Task An_upload_refused_after_its_files_were_written_leaves_nothing_in_the_bucket()
    {
        var bucket = await s3.Server.CreateBucketAsync();
        using var app = new S3CommunityApp(s3.Server.ServiceUrl, bucket);
        var person = await app.CreateUserAsync();
        await UploadAsync(await app.LoginAsync(person), TestImages.Png());
        var before = await s3.Server.KeysAsync(bucket);
        // Another request used the last of the day's count between this one's first look and its record (the gate
        // passed): the record is refused, and the files already written go again.
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
                db.Uploads.Add(new Upload { Key = $"{i:x32}-1x1", UserId = person.Id, Bytes = 1, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });
        var refusal = await Assert.ThrowsAsync<ValidationFailedException>(() => app.WithScopeAsync(async sp =>
        {
            var image = await sp.GetRequiredService<ImageProcessor>().ForPostAsync(TestImages.Png(), default);
            return await sp.GetRequiredService<UploadKeeper>().KeepAsync(new Actor(person.Id, false), image, UploadPurpose.Post, default);
        }));
        Assert.Contains("file", refusal.Messages.Keys);
        Assert.Equal(before, await s3.Server.KeysAsync(bucket));
    }

    [S3Fact]
    public async Task A_picture_lives_in_the_bucket_until_the_account_is_deleted()
    {
        var bucket = await s3.Server.CreateBucketAsync();
        using var app = new S3CommunityApp(s3.Server.ServiceUrl, bucket);
        var person = await app.CreateUserAsync();
        var client = await app.LoginAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetAvatarAsync(TestImages.Png(300, 200))).StatusCode);
        Assert.Single(await s3.Server.KeysAsync(bucket));
        var face = await app.Browser().GetAsync($"/u/{person.Name}/avatar");
        Assert.Equal("image/png", face.Content.Headers.ContentType!.MediaType);

        await app.SendAsync<Mediator.Unit>(new Community.Web.Features.Privacy.DeleteMyAccount.Command(person.Id, TestUser.Password));
        Assert.Empty(await s3.Server.KeysAsync(bucket));
    }

    [S3Fact]
    public async Task While_the_bucket_is_down_faces_fall_back_to_initials_and_an_account_is_not_deleted_without_its_picture()
    {
        // A server of its own, stopped half-way.
        var own = new S3Server();
        var bucket = await own.CreateBucketAsync();
        using var app = new S3CommunityApp(own.ServiceUrl, bucket);
        var person = await app.CreateUserAsync();
        var client = await app.LoginAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetAvatarAsync(TestImages.Png(300, 200))).StatusCode);
        var picture = await app.Browser().GetAsync($"/u/{person.Name}/avatar");
        own.Dispose();

        // A browser that has the picture is answered from its tag, without asking the store.
        var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/u/{person.Name}/avatar");
        revalidate.Headers.IfNoneMatch.Add(picture.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await app.Browser().SendAsync(revalidate)).StatusCode);
        var face = await app.Browser().GetAsync($"/u/{person.Name}/avatar");
        Assert.Equal(HttpStatusCode.OK, face.StatusCode);
        Assert.Equal("image/svg+xml", face.Content.Headers.ContentType!.MediaType);

        var refused = await client.PostFormAsync("/account/data?handler=Delete", new() { ["Password"] = TestUser.Password, ["Confirm"] = "true" }, "/account/data");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Your picture cannot be removed right now, so your account is not deleted yet", WebUtility.HtmlDecode(await refused.HtmlAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.DeletedAt).SingleAsync()));
    }

    [S3Fact]
    public async Task A_store_that_is_down_answers_503_and_records_nothing()
    {
        // A bucket on a port where nothing listens: the instance starts (pages work) and uploads are refused readably.
        using var app = new S3CommunityApp("http://127.0.0.1:" + FreePort.Next(), "gone");
        var person = await app.CreateUserAsync();
        var client = await app.LoginAsync(person);

        var response = await client.SendFromPageAsync(HttpMethod.Post, "/uploads", await client.PageTokenAsync("/ask"), TestImages.Form(TestImages.Png()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Images cannot be stored right now; try again in a minute.", problem.GetProperty("detail").GetString());
        Assert.Equal("30", response.Headers.RetryAfter!.ToString());
        Assert.False(await app.WithDbAsync(db => db.Uploads.AnyAsync(u => u.UserId == person.Id)));

        var token = await app.CreateTokenAsync(person);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var viaApi = await api.PostAsync("/api/v1/uploads", TestImages.Form(TestImages.Png()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, viaApi.StatusCode);
        Assert.DoesNotContain("Amazon", await viaApi.Content.ReadAsStringAsync());

        // Degraded, still in the load balancer: pages are served, only images wait.
        var ready = await app.Browser().GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal("Degraded", health.GetProperty("checks").GetProperty("uploads").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Browser().GetAsync("/uploads/" + new string('0', 32) + "-1x1.png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/")).StatusCode);
    }
}

/// <summary>Configuration mistakes stop the start with the setting named, instead of losing uploads later.</summary>
public class UploadStoreConfigurationTests
{
    private sealed class ConfiguredApp(Dictionary<string, string> settings) : CommunityApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("s3", "", "Uploads:S3:Bucket")]
    [InlineData("s3", "pictures", "Uploads:S3:ServiceUrl")]
    [InlineData("ftp", "", "Uploads:Store")]
    public void A_store_that_cannot_work_stops_the_start_naming_the_setting(string store, string bucket, string named)
    {
        using var app = new ConfiguredApp(new() { ["Uploads:Store"] = store, ["Uploads:S3:Bucket"] = bucket });
        var e = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(named, e.AndInner().Select(x => x.Message).First(m => m.Contains("Uploads:")));
    }
}
