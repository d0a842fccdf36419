using Community.Domain;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Users;

public static class RevokeToken
{
    /// <summary>
    /// Every token of the person stops working: after a password reset or change, so whoever took over the account
    /// before keeps no way in through the API.
    /// </summary>
    public static Task<int> AllOfAsync(CommunityDb db, string userId, DateTimeOffset now, CancellationToken ct = default) =>
        db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    public sealed record Command(string UserId, int TokenId) : ICommand;

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == cmd.TokenId, ct)
                ?? throw new NotFoundException("That token does not exist.");
            if (token.UserId != cmd.UserId) throw new ForbiddenException("You can only revoke your own tokens.");
            token.RevokedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
