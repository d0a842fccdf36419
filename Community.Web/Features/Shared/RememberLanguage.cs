using Community.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Shared;

/// <summary>A signed-in person's language choice, kept on the account so it follows them to other devices; null follows the browser.</summary>
public static class RememberLanguage
{
    public sealed record Command(string UserId, string? Language) : ICommand;

    public sealed class Handler(CommunityDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            await db.Users.Where(u => u.Id == cmd.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, cmd.Language), ct);
            return Unit.Value;
        }
    }
}
