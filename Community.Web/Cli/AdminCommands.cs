using Community.Domain;
using Community.Domain.Reputation;
using Community.Web.Data;
using Community.Web.Features.Reputation;
using Community.Web.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Cli;

/// <summary>Operator commands: users, tokens, titles, hero elections and helpdesk API keys.</summary>
public static class AdminCommands
{
    public const string Usage = """
        Usage:
          admin migrate                                     (applies the database migrations; see Database:MigrateOnStart)
          admin create-user --name NAME --email EMAIL --password PASSWORD [--role Moderator|Admin|Support]
          admin create-token --user NAME [--token-name LABEL] [--scopes read|write] [--days 1-365]
          admin set-title --user NAME --title TITLE        (an empty TITLE removes it)
          admin elect-hero --month YYYY-MM
          admin create-api-key --name NAME [--scopes "escalations:read escalations:write"] [--answer-as SUPPORT-USER]
          admin revoke-api-key --name NAME
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length == 0) return Fail(output, "No admin command given.");
        var options = ParseOptions(args[1..]);
        if (options is null) return Fail(output, "Options must come as --name value pairs.");

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CommunityUser>>();
        switch (args[0])
        {
            case "migrate":
            {
                // Program.cs applied them before this command runs.
                var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
                var applied = (await db.Database.GetAppliedMigrationsAsync()).Count();
                await output.WriteLineAsync($"The database is up to date ({applied} migration(s) applied).");
                return 0;
            }
            case "create-user":
            {
                if (!options.TryGetValue("name", out var name) || !options.TryGetValue("email", out var email) || !options.TryGetValue("password", out var password))
                    return Fail(output, "create-user needs --name, --email and --password.");
                options.TryGetValue("role", out var role);
                var canonicalRole = role is null ? null : Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
                if (role is not null && canonicalRole is null) return Fail(output, $"Unknown role \"{role}\"; use one of {string.Join(", ", Roles.All)}.");

                var user = new CommunityUser { UserName = name, Email = email, EmailConfirmed = true, JoinedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded) return Fail(output, string.Join(" ", created.Errors.Select(e => e.Description)));
                if (canonicalRole is not null) await users.AddToRoleAsync(user, canonicalRole);
                await output.WriteLineAsync($"Created user {name}{(canonicalRole is null ? "" : $" with role {canonicalRole}")}.");
                return 0;
            }
            case "create-token":
            {
                if (!options.TryGetValue("user", out var name)) return Fail(output, "create-token needs --user.");
                var user = await users.FindByNameAsync(name);
                if (user is null) return Fail(output, $"There is no user \"{name}\".");
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var scopes = options.GetValueOrDefault("scopes") ?? "write";
                if (scopes is not ("read" or "write")) return Fail(output, "--scopes is read or write (write includes read).");
                int? days = options.TryGetValue("days", out var d) ? int.TryParse(d, out var n) ? n : -1 : null;
                try
                {
                    var token = await mediator.Send(new CreateToken.Command(user.Id, options.GetValueOrDefault("token-name") ?? "admin CLI", scopes == "write", days));
                    await output.WriteLineAsync(token);
                    return 0;
                }
                catch (Infrastructure.ValidationFailedException e)
                {
                    return Fail(output, string.Join(" ", e.Errors.SelectMany(x => x.Value)));
                }
            }
            case "create-api-key":
            {
                if (!options.TryGetValue("name", out var name)) return Fail(output, "create-api-key needs --name.");
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                try
                {
                    var key = await mediator.Send(new Features.Escalations.CreateHelpdeskKey.Command(name,
                        options.GetValueOrDefault("scopes") ?? $"{HelpdeskKey.ReadScope} {HelpdeskKey.WriteScope}", options.GetValueOrDefault("answer-as")));
                    await output.WriteLineAsync(key);
                    return 0;
                }
                catch (Infrastructure.ValidationFailedException e)
                {
                    return Fail(output, string.Join(" ", e.Errors.SelectMany(x => x.Value)));
                }
            }
            case "revoke-api-key":
            {
                if (!options.TryGetValue("name", out var name)) return Fail(output, "revoke-api-key needs --name.");
                var n = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Features.Escalations.RevokeHelpdeskKey.Command(name));
                if (n == 0) return Fail(output, $"There is no active API key named {name}.");
                await output.WriteLineAsync($"Revoked {n} API key(s) named {name}.");
                return 0;
            }
            case "set-title":
            {
                if (!options.TryGetValue("user", out var name) || !options.TryGetValue("title", out var title)) return Fail(output, "set-title needs --user and --title.");
                if (title.Length > 60) return Fail(output, "A title can be at most 60 characters long.");
                var user = await users.FindByNameAsync(name);
                if (user is null) return Fail(output, $"There is no user \"{name}\".");
                user.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
                await users.UpdateAsync(user);
                await output.WriteLineAsync(user.Title is null ? $"Removed the title of {name}." : $"{name} now has the title \"{user.Title}\".");
                return 0;
            }
            case "elect-hero":
            {
                if (!options.TryGetValue("month", out var text) || !Month.TryParse(text, out var month)) return Fail(output, "elect-hero needs --month YYYY-MM.");
                var db = scope.ServiceProvider.GetRequiredService<CommunityDb>();
                await using var tx = await db.Database.BeginTransactionAsync();
                IReadOnlyList<HeroElection.Result> results;
                try
                {
                    results = await scope.ServiceProvider.GetRequiredService<HeroElection>().ElectAsync(month, default);
                }
                catch (DomainException e)
                {
                    return Fail(output, e.Message);
                }
                await tx.CommitAsync();
                var overall = results.First(r => r.HubId == 0);
                var heroName = overall.UserId is null ? null : (await users.FindByIdAsync(overall.UserId))?.UserName;
                await output.WriteLineAsync(heroName is null
                    ? $"Nobody earned points in {month}; no hero."
                    : $"Hero of {month}: {heroName}{(overall.AwardedNow ? " (awarded now)" : " (already awarded)")}.");
                return 0;
            }
            default:
                return Fail(output, $"Unknown admin command \"{args[0]}\".");
        }
    }

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length) return null;
            result[args[i][2..]] = args[i + 1];
        }
        return result;
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine(message);
        output.WriteLine(Usage);
        return 2;
    }
}
