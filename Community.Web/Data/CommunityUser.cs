using Community.Domain;
using Community.Domain.Moderation;
using Community.Domain.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Data;

/// <summary>A registered person. The user name is the public name shown on posts and at /u/{name}.</summary>
public class CommunityUser : IdentityUser
{
    public DateTimeOffset JoinedAt { get; set; }
    public string Bio { get; set; } = "";
    /// <summary>Cached sum of the person's ledger; changed only in the transaction that writes the ledger row.</summary>
    public int Reputation { get; set; }
    /// <summary>A title given by staff, e.g. "Community-Experte"; shown beside the rank.</summary>
    public string? Title { get; set; }
    /// <summary>Set by a moderator; also enforced as an Identity lockout, so the person cannot log in until then.</summary>
    public DateTimeOffset? SuspendedUntil { get; private set; }
    public string? SuspensionReason { get; private set; }

    public bool IsSuspendedAt(DateTimeOffset now) => SuspendedUntil > now;

    /// <summary>
    /// A moderator suspends the person (the rules are <see cref="ModerationRules.EnsureMaySuspend"/>'s): no login and no
    /// API token until then (an Identity lockout), and open sessions end (a new security stamp).
    /// </summary>
    public void Suspend(DateTimeOffset until, string reason)
    {
        SuspendedUntil = until;
        SuspensionReason = reason.Trim();
        LockoutEnabled = true;
        LockoutEnd = until;
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public void LiftSuspension(DateTimeOffset now)
    {
        if (!IsSuspendedAt(now)) throw DomainException.Saying("{0} is not suspended.", UserName ?? "");
        SuspendedUntil = null;
        SuspensionReason = null;
        LockoutEnd = null;
        AccessFailedCount = 0;
    }

    /// <summary>Account deletion keeps the row for posts and the ledger; a suspension's reason is personal data too.</summary>
    public void ForgetSuspension() => SuspensionReason = null;

    public MailPreference MailPreference { get; set; }
    /// <summary>Proves an unsubscribe link came from a mail to this person; set with the first mail.</summary>
    public string? UnsubscribeToken { get; set; }
    public DateTimeOffset? LastDigestAt { get; set; }
    /// <summary>The person deleted their account: the row stays for posts and the ledger, without personal data.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>The UI language the person chose ("de", "en"); null follows the browser.</summary>
    public string? Language { get; set; }
    /// <summary>The uploaded avatar (an upload key); null shows the generated initials.</summary>
    public string? AvatarKey { get; set; }
    /// <summary>What watched hubs send: each new post, the digest only, or nothing.</summary>
    public Community.Domain.Following.WatchedHubPosts WatchedHubPosts { get; set; }
}

/// <summary>A personal access token for the JSON API; only its SHA-256 hash is stored.</summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters, so the owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>After this the token no longer works; every token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Space-separated: "read" (what only the owner may read, such as notifications) and/or "write".</summary>
    public string Scopes { get; set; } = ApiTokenScopes.Read + " " + ApiTokenScopes.Write;
}

public static class ApiTokenScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Claim = "token_scope";
    public static readonly string[] All = [Read, Write];

    /// <summary>Writing includes reading, as for the helpdesk keys.</summary>
    public static string Normalise(bool write) => write ? Read + " " + Write : Read;
}

public static class Roles
{
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";
    public const string Support = "Support";
    public static readonly string[] All = [Moderator, Admin, Support];
}

/// <summary>
/// A key for a system, not a person: the helpdesk updates escalations with it. Scopes limit what it may do
/// ("escalations:read", "escalations:write"); only its SHA-256 hash is stored.
/// </summary>
public class HelpdeskKey
{
    public const string ReadScope = "escalations:read";
    public const string WriteScope = "escalations:write";
    public static readonly string[] KnownScopes = [ReadScope, WriteScope];

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public required string Prefix { get; set; }
    /// <summary>Space-separated scopes.</summary>
    public required string Scopes { get; set; }
    /// <summary>The support account official answers sent with this key are posted as.</summary>
    public string? AnswerAsUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
