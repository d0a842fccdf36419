using System.Text;
using Community.Domain;
using Community.Domain.Uploads;
using Community.Web.Data;
using Community.Web.Features.Uploads;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Community.Web.Features.Users;

/// <summary>
/// Faces next to names: <c>GET /u/{name}/avatar</c> serves the person's uploaded picture (re-encoded like every upload)
/// or initials drawn on a colour from their name. Both come from this site, so no visitor's browser is sent to a
/// third party (no Gravatar).
/// </summary>
public static class Avatars
{
    /// <summary>Dark enough for white letters (contrast of at least 4.5:1).</summary>
    private static readonly string[] Colours = ["#1f5f8b", "#7b3f9e", "#0f7a5c", "#a3401d", "#8a2b4c", "#3d5a12", "#5b4a9c", "#8a5a00", "#2c5f5d", "#6b4226"];

    public static void MapAvatars(this IEndpointRouteBuilder app) =>
        app.MapGet("/u/{name}/avatar", ServeAsync).ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(string name, HttpContext http, CommunityDb db, IUploadStore store, Microsoft.AspNetCore.Identity.ILookupNormalizer normalizer, ILoggerFactory log, CancellationToken ct)
    {
        // By the normalized name (its unique index), as the profile finds people.
        var normalized = normalizer.NormalizeName(name);
        var person = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.UserName, u.AvatarKey, u.DeletedAt }).FirstOrDefaultAsync(ct);
        if (person is null) return Results.NotFound();
        // Short-lived, revalidated by tag: a new picture shows within minutes everywhere.
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        // A deleted account's posts show a neutral face: no picture and no initials of a person who left.
        var shown = person.DeletedAt is null ? person.UserName! : "";
        if (person.DeletedAt is null && person.AvatarKey is { } key)
        {
            // A browser that has this picture is told so before the store is asked for it (a GET when it is a bucket).
            var pictureTag = new EntityTagHeaderValue("\"" + Hash("picture:" + key) + "\"");
            if (http.Request.Headers.IfNoneMatch.ToString() == pictureTag.ToString())
            {
                http.Response.Headers.ETag = pictureTag.ToString();
                return Results.StatusCode(304);
            }
            if (await PictureAsync(store, key, log, ct) is { } stream) return Results.Stream(stream, "image/png", entityTag: pictureTag);
        }
        var tag = new EntityTagHeaderValue("\"" + Hash("initials-1:" + shown) + "\"");
        if (http.Request.Headers.IfNoneMatch.ToString() == tag.ToString()) return Results.StatusCode(304);
        http.Response.Headers.ETag = tag.ToString();
        return Results.Text(InitialsSvg(shown), "image/svg+xml", Encoding.UTF8);
    }

    /// <summary>The uploaded picture; while the store cannot be reached the initials stand in, rather than a broken image on every page.</summary>
    private static async Task<Stream?> PictureAsync(IUploadStore store, string key, ILoggerFactory log, CancellationToken ct)
    {
        try
        {
            return await store.OpenAsync(UploadImage.FileName(key, ImageFormat.Png), ct);
        }
        catch (UploadStoreUnavailableException e)
        {
            log.CreateLogger(typeof(Avatars)).LogWarning(e, "A picture could not be read from the upload store; initials are shown.");
            return null;
        }
    }

    /// <summary>An ETag that does not give away the stored file's name.</summary>
    private static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];

    /// <summary>Up to two letters: the first of the name and the first after a '.', '_' or '-', else the second letter.</summary>
    public static string Initials(string name)
    {
        var letters = name.Where(char.IsLetterOrDigit).ToArray();
        if (letters.Length == 0) return "?";
        var cut = name.IndexOfAny(['.', '_', '-']);
        var second = cut > 0 && cut + 1 < name.Length && char.IsLetterOrDigit(name[cut + 1]) ? name[cut + 1] : letters.Length > 1 ? letters[1] : (char?)null;
        return (char.ToUpperInvariant(letters[0]) + (second is { } c ? char.ToUpperInvariant(c).ToString() : "")).ToString();
    }

    public static string InitialsSvg(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name.ToLowerInvariant()) hash = (hash ^ c) * 16777619u;
        var colour = Colours[hash % (uint)Colours.Length];
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\">" +
               $"<rect width=\"64\" height=\"64\" rx=\"32\" fill=\"{colour}\"/>" +
               "<text x=\"32\" y=\"41\" text-anchor=\"middle\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"26\" font-weight=\"600\" fill=\"#fff\">" +
               System.Net.WebUtility.HtmlEncode(Initials(name)) + "</text></svg>";
    }
}

/// <summary>Sets (an upload key) or removes (null) the person's own picture; every page with their name shows it within minutes.</summary>
public static class SetAvatar
{
    public sealed record Command(Actor Actor, string? UploadKey) : ICommand, Infrastructure.Security.IRateLimited
    {
        string? Infrastructure.Security.IRateLimited.RateLimitPolicy => Infrastructure.Security.RateLimitPolicies.Uploads;
        string Infrastructure.Security.IRateLimited.RateLimitKey => Actor.UserId;
    }

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            if (cmd.UploadKey is { } key && !await db.Uploads.AnyAsync(u => u.Key == key && u.UserId == cmd.Actor.UserId && u.Purpose == UploadPurpose.Avatar, ct))
                throw ValidationFailedException.For("avatar", UiMessage.Saying("Upload the picture first."));
            await db.Users.Where(u => u.Id == cmd.Actor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.AvatarKey, cmd.UploadKey), ct);
            return Unit.Value;
        }
    }
}
