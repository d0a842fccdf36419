using Community.Domain;
using Community.Domain.Threads;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Drafts;

/// <summary>The places a draft belongs to: a new question, an answer to a thread, an edit of a post.</summary>
public static partial class DraftKeys
{
    public const string Ask = "ask";

    public static string Answer(int threadId) => $"answer-{threadId}";

    public static string Edit(int postId) => $"edit-{postId}";

    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(ask|answer-\d{1,10}|edit-\d{1,10})$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}

/// <summary>Reads and discards drafts; a command that sends the text discards its draft in the same transaction.</summary>
public sealed class DraftStore(CommunityDb db)
{
    public async Task<Draft?> FindAsync(string userId, string key, CancellationToken ct) =>
        await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.Key == key, ct);

    public async Task DiscardAsync(string userId, string key, CancellationToken ct) =>
        await db.Drafts.Where(d => d.UserId == userId && d.Key == key).ExecuteDeleteAsync(ct);
}

/// <summary>Keeps what the composer holds (saved by its script a moment after typing stops); an empty text removes the draft.</summary>
public static class SaveDraft
{
    /// <summary>A person keeps at most this many drafts; saving one more drops the oldest.</summary>
    public const int MaxPerPerson = 50;

    public sealed record Command(Actor Actor, string Key, string? Title, string? Body, string? Tags) : ICommand, IValidate, Infrastructure.Security.IRateLimited
    {
        string? Infrastructure.Security.IRateLimited.RateLimitPolicy => Infrastructure.Security.RateLimitPolicies.Drafts;
        string Infrastructure.Security.IRateLimited.RateLimitKey => Actor.UserId;

        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (!DraftKeys.IsValid(Key)) yield return ("key", UiMessage.Saying("There is no composer \"{0}\".", Key));
            if (Body?.Length > ThreadRules.MaxBodyLength)
                yield return ("body", UiMessage.Saying("The text must be at most {0:N0} characters long (it has {1:N0}).", ThreadRules.MaxBodyLength, Body.Length));
            if (Title?.Length > ThreadRules.MaxTitleLength)
                yield return ("title", UiMessage.Saying("The title must be at most {0} characters long (it has {1}).", ThreadRules.MaxTitleLength, Title.Length));
            if (Tags?.Length > 300) yield return ("tags", UiMessage.Saying("Tags must be at most {0} characters long.", 300));
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var draft = await db.Drafts.FirstOrDefaultAsync(d => d.UserId == cmd.Actor.UserId && d.Key == cmd.Key, ct);
            var empty = string.IsNullOrWhiteSpace(cmd.Body) && string.IsNullOrWhiteSpace(cmd.Title);
            if (empty)
            {
                if (draft is not null) db.Drafts.Remove(draft);
            }
            else
            {
                if (draft is null)
                {
                    await EnsurePlaceExistsAsync(cmd.Key, ct);
                    // The oldest drafts make room: a person cannot fill the database with drafts.
                    var old = await db.Drafts.Where(d => d.UserId == cmd.Actor.UserId).OrderByDescending(d => d.UpdatedAt).Skip(MaxPerPerson - 1).ToListAsync(ct);
                    db.Drafts.RemoveRange(old);
                    db.Drafts.Add(draft = new Draft { UserId = cmd.Actor.UserId, Key = cmd.Key });
                }
                draft.Title = UnicodeText.Clean(cmd.Title ?? "");
                draft.Body = UnicodeText.Clean(cmd.Body ?? "");
                draft.Tags = cmd.Tags is null ? null : UnicodeText.Clean(cmd.Tags);
                draft.UpdatedAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        /// <summary>A draft belongs to a thread or post that exists (and the person may see).</summary>
        private async Task EnsurePlaceExistsAsync(string key, CancellationToken ct)
        {
            var cut = key.IndexOf('-');
            if (cut < 0 || !int.TryParse(key[(cut + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) return;
            var exists = key.StartsWith("answer-", StringComparison.Ordinal)
                ? await db.Threads.AnyAsync(t => t.Id == id, ct)
                : await db.Posts.AnyAsync(p => p.Id == id && !p.IsHidden && db.Threads.Any(t => t.Id == p.ThreadId), ct);
            if (!exists) throw ValidationFailedException.For("key", UiMessage.Saying("There is no composer \"{0}\".", key));
        }
    }
}

/// <summary><c>PUT /drafts/{key}</c> <c>{title, body, tags}</c> and <c>DELETE /drafts/{key}</c> for the composer's script (the page's form token).</summary>
public static class DraftEndpoints
{
    public sealed record DraftDto(string? Title, string? Body, string? Tags);

    public static void MapDrafts(this IEndpointRouteBuilder app)
    {
        app.MapPut("/drafts/{key}", (string key, DraftDto dto, HttpContext http, IMediator m) => PageEndpoints.RunAsync(http, async () =>
        {
            await m.Send(new SaveDraft.Command(http.User.ToActor(), key, dto.Title, dto.Body, dto.Tags), http.RequestAborted);
            return TypedResults.NoContent();
        })).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
        app.MapDelete("/drafts/{key}", (string key, HttpContext http, IMediator m) => PageEndpoints.RunAsync(http, async () =>
        {
            await m.Send(new SaveDraft.Command(http.User.ToActor(), key, null, null, null), http.RequestAborted);
            return TypedResults.NoContent();
        })).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
    }
}
