using Microsoft.AspNetCore.DataProtection;

namespace Community.Web.Infrastructure.Security;

/// <summary>
/// Encrypts secrets kept in the database (webhook signing secrets) with the Data Protection key ring, which is kept in
/// the same database: a copy of the secret column alone no longer lets anyone sign CRM credits.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value, so rows written before encryption are recognised and migrated on start.</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Community.Secrets.v1");

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public string Unprotect(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);
}
