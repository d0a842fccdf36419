using Community.Web.Data;
using Community.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Infrastructure.Security;

/// <summary>
/// Refuses the 10,000 most common passwords (shipped with the app, no network lookup), as NIST SP 800-63B asks
/// instead of composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<CommunityUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<CommunityUser> manager, CommunityUser user, string? password)
    {
        if (password is null || !IsCommon(password)) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "PasswordTooCommon",
            Description = manager.ErrorDescriber is LocalizedIdentityErrors localized
                ? localized.PasswordTooCommon().Description
                : "This password is one of the most common ones and easy to guess; please choose another.",
        }));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Community.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
