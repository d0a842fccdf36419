using Community.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Community.Web.Infrastructure.Security;

/// <summary>
/// Identity's store, with the values of AspNetUserTokens (the authenticator key, the recovery codes) encrypted with
/// the key ring like the webhook secrets: a copy of that table alone neither yields the second factor nor the codes.
/// </summary>
public sealed class ProtectedUserStore(CommunityDb db, SecretProtector secrets, IdentityErrorDescriber? describer = null)
    : UserStore<CommunityUser, IdentityRole, CommunityDb>(db, describer)
{
    public override Task SetTokenAsync(CommunityUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is null ? null : secrets.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(CommunityUser user, string loginProvider, string name, CancellationToken cancellationToken) =>
        await base.GetTokenAsync(user, loginProvider, name, cancellationToken) is { } stored ? secrets.Unprotect(stored) : null;
}
