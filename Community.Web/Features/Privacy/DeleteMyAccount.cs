using Community.Web.Infrastructure.Caching;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Community.Domain;
using Community.Domain.Crm;
using Community.Domain.Notifications;
using Community.Web.Data;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Privacy;

/// <summary>
/// Deletes a person's account: personal data is erased, posts stay under "deleted-user-…", the ledger stays so
/// totals and the CRM's history remain consistent; a linked customer account is unlinked (account.unlinked).
/// </summary>
public static class DeleteMyAccount
{
    public sealed record Command(string UserId, string? Password) : ICommand, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrEmpty(Password)) yield return ("Password", "Enter your password to confirm.");
        }
    }

    public sealed class Handler(CommunityDb db, PageCache pages, UserManager<CommunityUser> users, CrmEvents crm, TimeProvider clock, Uploads.IUploadStore uploads) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command cmd, CancellationToken ct)
        {
            var user = await db.Users.FirstAsync(u => u.Id == cmd.UserId, ct);
            if (!await users.CheckPasswordAsync(user, cmd.Password!)) throw ValidationFailedException.For("Password", "That is not your password.");
            var now = clock.GetUtcNow();

            var link = await db.CustomerLinks.FirstOrDefaultAsync(l => l.UserId == user.Id && l.UnlinkedAt == null, ct);
            if (link is not null)
            {
                link.UnlinkedAt = now;
                await db.SaveChangesAsync(ct);
                await crm.OnUnlinkedAsync(link, ct);
            }
            // The CRM keeps its own record; here only the last four digits stay, to match credits already sent.
            await db.CustomerLinks.Where(l => l.UserId == user.Id).ForEachAsync(l => l.CustomerNumber = CustomerLink.Mask(l.CustomerNumber), ct);

            var pseudonym = "deleted-user-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
            var oldName = user.UserName!;
            user.UserName = pseudonym;
            user.NormalizedUserName = pseudonym.ToUpperInvariant();
            user.Email = null;
            user.NormalizedEmail = null;
            user.EmailConfirmed = false;
            user.PasswordHash = null;
            user.PhoneNumber = null;
            user.Bio = "";
            user.Title = null;
            user.Language = null;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.MailPreference = MailPreference.Off;
            user.UnsubscribeToken = null;
            user.ForgetSuspension();
            user.DeletedAt = now;
            await ScrubRecordsAsync(user.Id, oldName, pseudonym, ct);
            // The name is on every page the person wrote on.
            pages.EverythingChanged();
            await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
            // Earlier versions of the person's posts are their text too: gone, though the posts themselves stay.
            await db.PostRevisions.Where(r => db.Posts.Any(p => p.Id == r.PostId && p.AuthorId == user.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.BodyMarkdown, "").SetProperty(r => r.Title, (string?)null), ct);
            await db.Notifications.Where(n => n.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.OutgoingMails.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.UserRoles.Where(r => r.UserId == user.Id).ExecuteDeleteAsync(ct);
            // What the person kept for themselves: drafts, watches, bookmarks, who they were told about; and their picture.
            // (Images in their posts stay with the posts, as the posts' text does.)
            await db.Drafts.Where(d => d.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.ThreadWatches.Where(w => w.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.HubWatches.Where(w => w.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.Bookmarks.Where(b => b.UserId == user.Id).ExecuteDeleteAsync(ct);
            await db.PostMentions.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(ct);
            user.AvatarKey = null;
            foreach (var avatar in await db.Uploads.Where(u => u.UserId == user.Id && u.Purpose == Uploads.UploadPurpose.Avatar).ToListAsync(ct))
            {
                // Removed before the deletion commits, so an account is only ever deleted with its picture gone.
                try
                {
                    await uploads.DeleteAsync(Uploads.UploadImage.FileName(avatar.Key, avatar.Format), ct);
                }
                catch (Uploads.UploadStoreUnavailableException)
                {
                    throw new DomainException("Your picture cannot be removed right now, so your account is not deleted yet; try again in a few minutes.");
                }
                db.Uploads.Remove(avatar);
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }

        /// <summary>
        /// Records that name the person: moderator alerts and webhook events get the pseudonym. Events keep the customer
        /// number: a credit earned while linked must still reach the right customer account when it is delivered (or
        /// replayed from the dead letters) after the deletion.
        /// </summary>
        private async Task ScrubRecordsAsync(string userId, string oldName, string pseudonym, CancellationToken ct)
        {
            // Hub followers not yet told of the person's last post are told under the pseudonym.
            await db.PostFanOuts.Where(f => f.ActorName == oldName).ExecuteUpdateAsync(s => s.SetProperty(f => f.ActorName, pseudonym), ct);
            await db.ModeratorAlerts.Where(a => a.UserId == userId || a.OtherUserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, a => a.Detail.Replace(oldName, pseudonym)), ct);
            var events = await db.OutboxEvents.Where(e => e.Payload.Contains(userId)).ToListAsync(ct);
            foreach (var e in events)
            {
                var root = JsonNode.Parse(e.Payload)!;
                if (root["data"] is not JsonObject data) continue;
                foreach (var (idKey, nameKey) in new[] { ("userId", "userName"), ("askerUserId", "askerName") })
                    if (data[idKey]?.GetValue<string>() == userId && data.ContainsKey(nameKey)) data[nameKey] = pseudonym;
                e.Payload = root.ToJsonString(Webhooks.Outbox.Json);
            }
        }
    }
}
