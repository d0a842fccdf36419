using Community.Domain;
using Community.Domain.Moderation;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Moderation;

public static class SuspendUser
{
    /// <summary>Days 0 lifts a suspension.</summary>
    public sealed record Command(Actor Actor, string UserName, int Days, string? Reason) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (Days != 0 && ModerationRules.CheckSuspensionDays(Days) is { } d) yield return ("Days", d);
            if (ModerationRules.CheckReason(Reason, required: Days != 0) is { } e) yield return ("Reason", e);
        }
    }

    /// <summary>Enforced as an Identity lockout (no login, no API token) and a new security stamp (open sessions end).</summary>
    public sealed class Handler(CommunityDb db, ModerationDesk desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            ModerationDesk.EnsureModerator(cmd.Actor);
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == cmd.UserName, ct) ?? throw new NotFoundException("That person does not exist.");
            ModerationRules.EnsureMaySuspend(cmd.Actor.UserId, user.Id, await db.UsersInRoles(Roles.All).ContainsAsync(user.Id, ct));
            if (cmd.Days == 0)
            {
                user.LiftSuspension(desk.Now);
                desk.Audit(cmd.Actor, ModerationAction.UnsuspendUser, cmd.Reason, targetUserId: user.Id);
            }
            else
            {
                var until = ModerationRules.SuspendedUntil(desk.Now, cmd.Days);
                user.Suspend(until, cmd.Reason!);
                desk.Audit(cmd.Actor, ModerationAction.SuspendUser, cmd.Reason, targetUserId: user.Id, detail: $"{cmd.Days} days, until {until:yyyy-MM-dd HH:mm} UTC");
                await desk.NotifyAsync(user.Id, "/", "Your account is suspended until {0}. Reason: {1}", [new UiTime(until), cmd.Reason!.Trim()], ct);
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
