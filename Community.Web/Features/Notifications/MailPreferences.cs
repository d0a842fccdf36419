using System.Security.Cryptography;
using System.Text;
using Community.Domain;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Notifications;

public static class MailPreferences
{
    public sealed record Command(string UserId, MailPreference? Preference) : Mediator.ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (Preference is null || !Enum.IsDefined(Preference.Value)) yield return ("Preference", "Choose immediate, daily digest or off.");
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock) : Mediator.ICommandHandler<Command>
    {
        public async ValueTask<Mediator.Unit> Handle(Command cmd, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            // The first digest covers what happened after switching, not what was already mailed one by one.
            await db.Users.Where(u => u.Id == cmd.UserId && u.MailPreference != cmd.Preference).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.MailPreference, cmd.Preference!.Value)
                .SetProperty(u => u.LastDigestAt, u => cmd.Preference == MailPreference.DailyDigest ? now : u.LastDigestAt), ct);
            return Mediator.Unit.Value;
        }
    }

    /// <summary>One-click unsubscribe from a mail: the token proves the link came from a mail to this person.</summary>
    public sealed record Unsubscribe(string? UserId, string? Token) : Mediator.ICommand<bool>;

    public sealed class UnsubscribeHandler(CommunityDb db) : Mediator.ICommandHandler<Unsubscribe, bool>
    {
        public async ValueTask<bool> Handle(Unsubscribe cmd, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(cmd.UserId) || string.IsNullOrEmpty(cmd.Token)) return false;
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == cmd.UserId, ct);
            if (user?.UnsubscribeToken is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(user.UnsubscribeToken), Encoding.ASCII.GetBytes(cmd.Token))) return false;
            user.MailPreference = MailPreference.Off;
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
