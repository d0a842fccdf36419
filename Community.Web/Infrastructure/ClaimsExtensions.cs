using System.Security.Claims;
using Community.Web.Data;

namespace Community.Web.Infrastructure;

public static class ClaimsExtensions
{
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool IsModerator(this ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    /// <summary>The actor for a command; only call where the endpoint already requires a signed-in user.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(user.UserId() ?? throw new InvalidOperationException("No signed-in user."), user.IsModerator(), user.IsInRole(Roles.Support));
}
