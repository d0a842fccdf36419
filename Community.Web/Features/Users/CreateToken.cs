using Community.Domain;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;

namespace Community.Web.Features.Users;

public static class CreateToken
{
    /// <summary><paramref name="Days"/>: how long it works (1 to 365; the configured default when null).</summary>
    public sealed record Command(string UserId, string? Name, bool Write = true, int? Days = null) : ICommand<string>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name)) yield return ("Name", "Give the token a name, e.g. \"CRM sync\".");
            else if (Name.Trim().Length > 100) yield return ("Name", "The name must be at most 100 characters long.");
            if (Days is < 1 or > 365) yield return ("Days", "A token can live 1 to 365 days.");
        }
    }

    /// <summary>Returns the token itself; it is shown once and only its hash is kept.</summary>
    public sealed class Handler(CommunityDb db, TimeProvider clock, Infrastructure.Security.SecurityOptions security) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            var token = ApiTokenFormat.NewToken();
            var now = clock.GetUtcNow();
            db.ApiTokens.Add(new ApiToken
            {
                UserId = cmd.UserId,
                Name = cmd.Name!.Trim(),
                TokenHash = ApiTokenFormat.Hash(token),
                Prefix = token[..10],
                CreatedAt = now,
                ExpiresAt = now.AddDays(cmd.Days ?? security.TokenLifetimeDays),
                Scopes = ApiTokenScopes.Normalise(cmd.Write),
            });
            await db.SaveChangesAsync(ct);
            return token;
        }
    }
}
