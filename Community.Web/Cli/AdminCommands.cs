using Community.Web.Data;
using Community.Web.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Cli;

/// <summary>Operator commands: `admin create-user` and `admin create-token`.</summary>
public static class AdminCommands
{
    public const string Usage = """
        Usage:
          admin create-user --name NAME --email EMAIL --password PASSWORD [--role Moderator|Admin|Support]
          admin create-token --user NAME [--token-name LABEL]
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
                var token = await mediator.Send(new CreateToken.Command(user.Id, options.GetValueOrDefault("token-name") ?? "admin CLI"));
                await output.WriteLineAsync(token);
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
