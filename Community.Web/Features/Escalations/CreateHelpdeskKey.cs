using Community.Domain;
using Community.Web.Data;
using Community.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Escalations;

/// <summary>An operator creates a key for the helpdesk; the key is returned once, only its hash is kept.</summary>
public static class CreateHelpdeskKey
{
    public sealed record Command(string? Name, string? Scopes, string? AnswerAsUserName) : ICommand<string>, IValidate
    {
        public IEnumerable<(string Field, UiMessage Message)> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100) yield return ("name", "Give the key a name of up to 100 characters, e.g. \"Zendesk\".");
            var scopes = (Scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if (scopes.Length == 0 || scopes.Any(s => !HelpdeskKey.KnownScopes.Contains(s)))
                yield return ("scopes", UiMessage.Saying("Use one or more of {0}.", string.Join(", ", HelpdeskKey.KnownScopes)));
        }
    }

    public sealed class Handler(CommunityDb db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command cmd, CancellationToken ct)
        {
            string? agentId = null;
            if (!string.IsNullOrWhiteSpace(cmd.AnswerAsUserName))
            {
                agentId = await db.Users.Where(u => u.UserName == cmd.AnswerAsUserName).Select(u => u.Id).FirstOrDefaultAsync(ct)
                    ?? throw ValidationFailedException.For("answerAs", UiMessage.Saying("There is no user \"{0}\".", cmd.AnswerAsUserName));
                var isSupport = await db.UsersInRoles(Roles.Support).ContainsAsync(agentId, ct);
                if (!isSupport) throw ValidationFailedException.For("answerAs", UiMessage.Saying("{0} is not in the Support role; official answers come from support accounts.", cmd.AnswerAsUserName));
            }
            var key = HelpdeskKeyFormat.NewKey();
            db.HelpdeskKeys.Add(new HelpdeskKey
            {
                Name = cmd.Name!.Trim(), KeyHash = ApiTokenFormat.Hash(key), Prefix = key[..10], AnswerAsUserId = agentId, CreatedAt = clock.GetUtcNow(),
                Scopes = string.Join(' ', cmd.Scopes!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Distinct()),
            });
            await db.SaveChangesAsync(ct);
            return key;
        }
    }
}
