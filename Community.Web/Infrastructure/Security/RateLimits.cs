using System.Globalization;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Community.Web.Infrastructure.Security;

/// <summary>The named limits; each counts per client address, or per person where signed in (see README, Security).</summary>
public static class RateLimitPolicies
{
    public const string Login = "Login";                 // per client address
    public const string LoginAccount = "LoginAccount";   // per target account, so spraying one name from many addresses is slowed too
    public const string Register = "Register";
    public const string AccountMail = "AccountMail";     // forgot-password and confirmation mail
    public const string Posting = "Posting";             // ask, answer, edit
    public const string Kudos = "Kudos";
    public const string Flags = "Flags";
    public const string Search = "Search";
    public const string Api = "Api";                     // per token
    public const string WebhookTest = "WebhookTest";
    public const string Uploads = "Uploads";             // images and avatars, per person
    public const string Drafts = "Drafts";               // composer autosaves, per person
}

public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>RateLimits:* in appsettings; RateLimits:Enabled=false switches every limit off (benchmarks).</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    public Dictionary<string, RateLimitRule> Rules { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitPolicies.Login] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) },
        [RateLimitPolicies.LoginAccount] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) },
        [RateLimitPolicies.Register] = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) },
        [RateLimitPolicies.AccountMail] = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) },
        [RateLimitPolicies.Posting] = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) },
        [RateLimitPolicies.Kudos] = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(10) },
        [RateLimitPolicies.Flags] = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) },
        [RateLimitPolicies.Search] = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.Api] = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.WebhookTest] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(10) },
        [RateLimitPolicies.Uploads] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(10) },
        [RateLimitPolicies.Drafts] = new() { PermitLimit = 200, Window = TimeSpan.FromMinutes(10) },
    };

    public static RateLimitOptions From(IConfiguration config)
    {
        var section = config.GetSection("RateLimits");
        var options = new RateLimitOptions { Enabled = section.GetValue("Enabled", true) };
        foreach (var (name, rule) in options.Rules)
        {
            var s = section.GetSection(name);
            rule.PermitLimit = s.GetValue("PermitLimit", rule.PermitLimit);
            rule.Window = s.GetValue("Window", rule.Window);
            if (rule.PermitLimit < 1 || rule.Window <= TimeSpan.Zero)
                throw new InvalidOperationException($"RateLimits:{name} needs a PermitLimit of at least 1 and a positive Window.");
        }
        return options;
    }

    /// <summary>A window slides in this many steps; a used-up limit frees permits again after one step.</summary>
    internal const int Segments = 6;

    internal SlidingWindowRateLimiterOptions LimiterOptions(string policy)
    {
        var rule = Rules[policy];
        return new SlidingWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit, Window = rule.Window, SegmentsPerWindow = Segments, QueueLimit = 0, AutoReplenishment = true,
        };
    }
}

/// <summary>
/// The limits that forms and commands check where they run, so a refused form is shown again with what was typed and
/// a login can count per target account; GET pages and the API use the same options through ASP.NET Core's
/// rate-limiting middleware (<see cref="RateLimitSetup"/>).
/// </summary>
public sealed class RequestLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly Dictionary<string, PartitionedRateLimiter<string>> _limiters;

    public RequestLimits(RateLimitOptions options)
    {
        _options = options;
        _limiters = options.Rules.Keys.ToDictionary(name => name, name => PartitionedRateLimiter.Create<string, string>(
            key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => options.LimiterOptions(name))), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Takes one permit; null when granted, otherwise how long to wait.</summary>
    public TimeSpan? Refuse(string policy, string partitionKey)
    {
        if (!_options.Enabled) return null;
        using var lease = _limiters[policy].AttemptAcquire(partitionKey);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Rules[policy].Window;
    }

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>
    /// One attempt at a time per account (in this instance): a limit that counts failures checks, verifies and
    /// counts as one step, so a burst of parallel guesses cannot all pass the check before the first is counted.
    /// </summary>
    public async Task<IDisposable> OneAtATimeAsync(string partitionKey, CancellationToken ct = default)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(partitionKey) % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }

    /// <summary>Whether <paramref name="partitionKey"/> has used up its permits, without taking one: for limits that count failures only.</summary>
    public TimeSpan? Exhausted(string policy, string partitionKey)
    {
        if (!_options.Enabled) return null;
        var stats = _limiters[policy].GetStatistics(partitionKey);
        return stats is null || stats.CurrentAvailablePermits > 0 ? null : _options.Rules[policy].Window / RateLimitOptions.Segments;
    }

    /// <summary>The person where signed in, else the client's address (after forwarded headers, behind a proxy).</summary>
    public static string ClientKey(HttpContext context) =>
        context.User.UserId() is { } id ? "user:" + id : AddressKey(context);

    /// <summary>
    /// The client's address; IPv6 by its /64 network, since one household or server has all of those addresses.
    /// Forms used before signing in always count by address, so a pile of throwaway accounts buys no extra attempts.
    /// </summary>
    public static string AddressKey(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null) return "ip:unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            return "ip6:" + Convert.ToHexString(ip.GetAddressBytes().AsSpan(0, 8));
        return "ip:" + ip;
    }

    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
        foreach (var stripe in _stripes) stripe.Dispose();
    }
}

/// <summary>A refused form's wait, kept on the request so the page answers 429 with Retry-After.</summary>
public sealed record RateLimitRefusal(TimeSpan RetryAfter);

/// <summary>A command a person sends that counts against one of the limits (posting, kudos, flags, test events).</summary>
public interface IRateLimited
{
    /// <summary>The limit this command counts against; null for people it does not apply to (staff, support).</summary>
    string? RateLimitPolicy { get; }
    /// <summary>Whom it counts for: the person's id.</summary>
    string RateLimitKey { get; }
}

/// <summary>Thrown when a limit refuses a request; pages show it next to the form, the API answers 429.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter) : Exception("Too many requests; please wait a moment and try again.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Runs after validation, so a form sent back for a typo does not use up a permit.</summary>
public sealed class RateLimitBehaviour<TMessage, TResponse>(RequestLimits limits) : Mediator.IPipelineBehavior<TMessage, TResponse>
    where TMessage : Mediator.IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, Mediator.MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRateLimited { RateLimitPolicy: { } policy } limited && limits.Refuse(policy, "user:" + limited.RateLimitKey) is { } wait)
            throw new TooManyRequestsException(wait);
        return next(message, cancellationToken);
    }
}

public static class RateLimitSetup
{
    public static void AddCommunityRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var options = RateLimitOptions.From(config);
        services.AddSingleton(options);
        services.AddSingleton<RequestLimits>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var policy in new[] { RateLimitPolicies.Search, RateLimitPolicies.Api })
                o.AddPolicy(policy, context => options.Enabled
                    ? RateLimitPartition.GetSlidingWindowLimiter(PartitionKey(policy, context), _ => options.LimiterOptions(policy))
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = RequestLimits.RetryAfterSeconds(wait);
                // Pages get the readable /error/429 page from the status-code pages; the API a problem+json naming the wait.
                if (!rejected.HttpContext.Request.Path.StartsWithSegments("/api")) return;
                var problem = new ProblemDetails
                {
                    Status = 429, Title = "Too many requests",
                    Detail = $"Too many requests; try again in {RequestLimits.RetryAfterSeconds(wait)} seconds.",
                };
                await response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", ct);
            };
        });
    }

    /// <summary>
    /// The API counts per verified token (its owner, see <see cref="UseApiTokenIdentity"/>), everything else per
    /// person or client address; a made-up Authorization header buys no bucket of its own.
    /// </summary>
    private static string PartitionKey(string policy, HttpContext context) =>
        context.Items[ApiTokenUserKey] is string tokenUser ? "token-user:" + tokenUser : RequestLimits.ClientKey(context);

    private const string ApiTokenUserKey = "community.api-token-user";

    /// <summary>
    /// Before the limiter, an /api request's bearer token is checked once (the handler caches the result for the
    /// endpoint's own authorization), so the limit can count per token owner.
    /// </summary>
    public static void UseApiTokenIdentity(this WebApplication app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") && c.Request.Headers.Authorization.Count > 0, b => b.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(ApiTokenFormat.Scheme);
            if (result.Succeeded && result.Principal.UserId() is { } id) context.Items[ApiTokenUserKey] = id;
            await next(context);
        }));
}
