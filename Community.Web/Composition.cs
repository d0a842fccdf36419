using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Community.Domain;
using Community.Domain.Dashboard;
using Community.Web.Data;
using Community.Web.Features.Api;
using Community.Web.Features.Reputation;
using Community.Web.Features.Webhooks;
using Community.Web.Infrastructure;
using Community.Web.Infrastructure.Caching;
using Community.Web.Infrastructure.Observability;
using Community.Web.Infrastructure.Localization;
using Community.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace Community.Web;

/// <summary>Composition only: services, middleware and endpoints, in that order.</summary>
public static class Composition
{
    public static void AddCommunityServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddCommunitySecurity();
        // Metrics, the instance name on every log line, OpenTelemetry when configured (Infrastructure/Observability).
        builder.AddCommunityObservability();
        services.AddSingleton(TimeProvider.System);
        // Wakes the outbox dispatchers after a commit that wrote outbox rows (Infrastructure/Outbox).
        services.AddSingleton<Infrastructure.Outbox.OutboxDoorbell>();
        services.AddSingleton<IInterceptor, Infrastructure.Outbox.OutboxDoorbellInterceptor>();
        // Database:Provider picks the context, its migrations and the search index (Data/DatabaseProvider.cs).
        builder.AddCommunityDatabase();

        // Before Identity's own: non-characters in a login name must not make its normalization throw (a 500).
        services.AddScoped<Microsoft.AspNetCore.Identity.ILookupNormalizer, Infrastructure.Security.CleaningLookupNormalizer>();
        services.AddIdentity<CommunityUser, IdentityRole>(o =>
            {
                o.SignIn.RequireConfirmedEmail = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<CommunityDb>()
            .AddUserStore<ProtectedUserStore>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders()
            // Replaces the default authenticator provider: the same codes, each accepted once.
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "community.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenFormat.Scheme, null)
            .AddScheme<AuthenticationSchemeOptions, HelpdeskKeyHandler>(HelpdeskKeyFormat.Scheme, null);
        services.AddAuthorization(o =>
        {
            o.AddHelpdeskPolicies();
            o.AddApiTokenPolicies();
        });

        services.AddMediator(o =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(RateLimitBehaviour<,>), typeof(TransactionBehaviour<,>)];
        });
        services.AddReputation(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        services.AddSingleton<Branding>();
        services.AddWebhooks(builder.Configuration);
        services.AddSingleton((builder.Configuration.GetSection("Sla").Get<Features.Queue.SlaOptions>() ?? new Features.Queue.SlaOptions()).ToBook());
        services.AddScoped<Features.Queue.OfferToExperts>();
        services.AddSingleton<Features.Dashboard.ViewCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Dashboard.ViewCounter>());
        services.AddSingleton(builder.Configuration.GetSection("Dashboard").Get<ValueOptions>() ?? new ValueOptions());
        services.AddHostedService<Features.Queue.OfferToExpertsWorker>();
        services.AddSingleton(builder.Configuration.GetSection("Uploads").Get<Community.Domain.Uploads.UploadOptions>() ?? new Community.Domain.Uploads.UploadOptions());
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<Features.Uploads.ImageProcessor>();
        AddUploadStore(services, builder.Configuration);
        services.AddScoped<Features.Uploads.UploadGate>();
        services.AddScoped<Features.Following.PostNotices>();
        services.AddSingleton(builder.Configuration.GetSection("Following").Get<Features.Following.FollowingOptions>() ?? new Features.Following.FollowingOptions());
        services.AddSingleton<Features.Following.FanOutBell>();
        services.AddHostedService<Features.Following.FanOutWorker>();
        services.AddScoped<Features.Drafts.DraftStore>();
        services.AddScoped<Features.Live.LiveUpdates>();
        services.AddScoped<AfterCommit>();
        services.AddScoped<Features.Uploads.UploadKeeper>();
        services.AddHostedService<Features.Uploads.UnusedUploadSweeper>();
        // Live updates (Features/Live): with several instances the Redis backplane carries them between instances.
        var signalR = services.AddSignalR();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } backplane)
            signalR.AddStackExchangeRedis(backplane, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal((builder.Configuration["PageCache:RedisPrefix"] ?? "community:") + "live"));
        var smtp = builder.Configuration.GetSection("Mail:Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(smtp);
        if (string.IsNullOrWhiteSpace(smtp.Host)) services.AddSingleton<IMailSender, PickupDirectoryMailSender>();
        else services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton(builder.Configuration.GetSection("Mail").Get<Features.Notifications.NotificationMailOptions>() ?? new Features.Notifications.NotificationMailOptions());
        services.AddScoped<Features.Notifications.Notifier>();
        services.AddSingleton<Features.Notifications.MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Notifications.MailDispatcher>());
        services.AddScoped<Features.Notifications.DailyDigest>();
        services.AddHostedService<Features.Notifications.DailyDigestWorker>();
        services.AddScoped<Features.Account.AccountMail>();
        services.AddScoped<Features.Moderation.ModerationDesk>();
        services.AddScoped<Features.Hubs.HubCounters>();
        services.AddSingleton<Infrastructure.Caching.AssetVersions>();
        services.AddMemoryCache();
        services.AddSingleton<Infrastructure.Caching.ListMemo>();
        // Search: one document per thread, updated before each command commits (Features/Search/ISearchIndex.cs).
        services.AddHostedService<Features.Search.SearchIndexJob>();
        // Anonymous pages from the output cache (Infrastructure/Caching); writes evict what they change.
        var pageCacheSeconds = builder.Configuration.GetValue("PageCache:Seconds", 60);
        services.AddOutputCache(o =>
        {
            var enabled = builder.Configuration.GetValue("PageCache:Enabled", true);
            o.AddPolicy(Infrastructure.Caching.AnonymousPagePolicy.Name, new Infrastructure.Caching.AnonymousPagePolicy(TimeSpan.FromSeconds(pageCacheSeconds), enabled));
            o.AddPolicy(Infrastructure.Caching.AnonymousPagePolicy.PublicDocument, new Infrastructure.Caching.AnonymousPagePolicy(TimeSpan.FromSeconds(pageCacheSeconds), enabled, forEveryone: true));
            o.SizeLimit = builder.Configuration.GetValue("PageCache:SizeLimitMegabytes", 100L) * 1024 * 1024;
        });
        // With ConnectionStrings:Redis the cached pages and their tags live in Redis: every instance serves what any
        // instance rendered, and a write on one evicts the pages on all of them.
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
            services.AddStackExchangeRedisOutputCache(o =>
            {
                o.Configuration = redis;
                o.InstanceName = builder.Configuration["PageCache:RedisPrefix"] ?? "community:";
            });
        // Redis down: pages are rendered without the shared cache (a warning is logged), never an error page.
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 })
            Infrastructure.Caching.ResilientOutputCacheStore.Decorate(services);
        services.AddScoped<Infrastructure.Caching.PageCache>();
        services.AddResponseCompression(o =>
        {
            // Pages with secrets in them (a signed-in person's antiforgery token) are not compressed (BREACH); see CompressAnonymousOnly.
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/atom+xml", "application/rss+xml", "application/problem+json"]);
        });
        services.AddSingleton<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider, Infrastructure.Caching.CompressAnonymousOnly>();
        // A suspended person's open sessions end within a minute (the suspension changes the security stamp). The
        // refreshed sign-in keeps how the person signed in (amr "mfa"), which the staff two-factor rule reads.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = c =>
            {
                if (c.CurrentPrincipal?.FindFirst("amr") is { } amr && c.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim("amr", amr.Value))
                    identity.AddClaim(new Claim("amr", amr.Value));
                return Task.CompletedTask;
            };
        });

        // Umlauts and other letters are written as they are, not as &#xE4; entities.
        services.Configure<WebEncoderOptions>(o =>
            o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            // No client-side validation library is shipped; without this the validation summary writes an inline
            // style (display:none) that the CSP blocks.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            // Form attribute messages ([Required(ErrorMessage = "…")]) are keys of the same resource.
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddLocalization();
        var defaultLanguage = Languages.DefaultLanguage(builder.Configuration);
        // A typo here should stop the start, not turn every request into an error page.
        if (!Languages.IsSupported(defaultLanguage))
            throw new InvalidOperationException($"Localization:DefaultLanguage must be one of {string.Join(", ", Languages.Ui.Select(l => l.Code))}, not \"{defaultLanguage}\".");
        services.Configure<RequestLocalizationOptions>(o => Languages.Configure(o, defaultLanguage));
        services.AddSingleton<DisplayTime>();
        services.AddSingleton<MessageTranslator>();
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        // Large enough that an oversized post reaches validation and gets a readable message, not a reset.
        services.Configure<FormOptions>(o => o.ValueLengthLimit = 16 * 1024 * 1024);
        services.AddProblemDetails();
        // Malformed JSON or query values raise an exception the problem+json handler turns into a 400 with the reason.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddSingleton<DatabaseAvailability>();
        services.AddHostedService<DatabaseStartupRetry>();
        // Live: the process answers. Ready: the database (and Redis, when configured) can serve it.
        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redisForHealth)
        {
            services.AddSingleton(_ => new RedisHealthCheck(redisForHealth));
            health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }
        if (services.Any(d => d.ServiceType == typeof(Features.Uploads.S3UploadStore)))
            health.AddCheck<Features.Uploads.S3UploadStoreHealthCheck>("uploads", tags: ["ready"]);
    }

    /// <summary>
    /// <c>Uploads:Store</c>: <c>local</c> (the default, <c>Uploads:Directory</c>) or <c>s3</c> (<c>Uploads:S3:*</c>). An s3
    /// store that is not fully configured stops the start with the missing setting named, rather than losing uploads later.
    /// </summary>
    private static void AddUploadStore(IServiceCollection services, IConfiguration configuration)
    {
        var kind = configuration["Uploads:Store"] ?? "local";
        if (kind.Equals("s3", StringComparison.OrdinalIgnoreCase))
        {
            var options = configuration.GetSection("Uploads:S3").Get<Features.Uploads.S3StoreOptions>() ?? new Features.Uploads.S3StoreOptions();
            if (options.Problem() is { } problem) throw new InvalidOperationException("Uploads:Store is s3, but " + problem);
            services.AddSingleton(options);
            services.AddSingleton<Features.Uploads.S3UploadStore>();
            services.AddSingleton<Features.Uploads.IUploadStore>(sp => sp.GetRequiredService<Features.Uploads.S3UploadStore>());
        }
        else if (kind.Equals("local", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<Features.Uploads.IUploadStore, Features.Uploads.LocalUploadStore>();
        else
            throw new InvalidOperationException($"Uploads:Store is \"{kind}\"; it must be \"local\" or \"s3\".");
    }

    public static void UseCommunityPipeline(this WebApplication app)
    {
        // Behind a reverse proxy the client's address and scheme come from X-Forwarded-*: needed for one view per
        // visitor on the dashboard and for https links. Only switch it on when the app is reachable through the proxy alone.
        if (app.Configuration.GetValue("Community:BehindProxy", false))
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        app.UseCommunitySecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // Rule and validation errors are expected answers, not failures worth an error log.
            SuppressDiagnosticsCallback = c => c.Exception is DomainException or NotFoundException or ValidationFailedException or TooManyRequestsException,
            StatusCodeSelector = ex => ex switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                ForbiddenException => StatusCodes.Status403Forbidden,
                DomainException => StatusCodes.Status409Conflict,
                ValidationFailedException => StatusCodes.Status422UnprocessableEntity,
                TooManyRequestsException => StatusCodes.Status429TooManyRequests,
                BadHttpRequestException b => b.StatusCode,
                Features.Uploads.UploadStoreUnavailableException => StatusCodes.Status503ServiceUnavailable,
                _ when DatabaseAvailability.IsUnavailable(ex) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        // Pages get the friendly error page; the API answers every error status with problem+json.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var problem = new ProblemDetails
            {
                Status = response.StatusCode,
                Title = ReasonPhrases.GetReasonPhrase(response.StatusCode),
            };
            await response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
        }));
        // A NUL in a form field would make the form unreadable (a bare 400): it is dropped before the form is read.
        app.UseFormNulRemoval();
        // Static files are compressed here; pages below, inside the page cache, so it keeps the compressed body.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && Path.HasExtension(c.Request.Path.Value), b => b.UseResponseCompression());
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = Infrastructure.Caching.StaticFileCaching.Apply });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(ThemesDirectory(app.Environment)),
            RequestPath = "/themes",
            OnPrepareResponse = Infrastructure.Caching.StaticFileCaching.Apply,
        });
        // Until the start-up step has reached the database, pages answer 503 with a readable page (health and static files still work).
        app.Use((context, next) =>
            context.RequestServices.GetRequiredService<DatabaseAvailability>().NotReadyBecause is { } why
                && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/error") && !context.Request.Path.StartsWithSegments("/brand.css")
                ? throw new DatabaseUnavailableException(why)
                : next(context));
        app.UseRouting();
        app.UseAuthentication();
        app.UseStaffTwoFactor();
        app.UseApiTokenIdentity();
        app.UseRateLimiter();
        // After authentication: a signed-in person's stored language comes first.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseRequestLocalization());
        // The JSON API answers in English whatever the caller's browser prefers: its messages are for scripts and developers.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.Use(async (context, next) =>
        {
            using var _ = Languages.Use("en");
            await next(context);
        }));
        // A page's words depend on these, so a shared cache or CDN must not hand a German page to an English reader.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                // An error page is rendered by a second pass through here; it says so once.
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true
                    && !context.Response.Headers.Vary.Any(v => v?.Contains("Accept-Language", StringComparison.Ordinal) == true))
                    context.Response.Headers.Append("Vary", "Accept-Language, Cookie");
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseThreadViewsFromCache();
        app.UseOutputCache();
        app.UseWhen(c => !Path.HasExtension(c.Request.Path.Value), b => b.UseResponseCompression());
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapCommunityEndpoints(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi();
        var ready = new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReportWriter.WriteAsync };
        app.MapHealthChecks("/healthz/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", ready);
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        // The operator's brand colours as a stylesheet of this site, so the CSP needs no inline styles.
        app.MapGet("/brand.css", (Branding brand) => Results.Text(brand.CssVariables ?? "", "text/css")).ExcludeFromDescription();
        app.MapCommunityApi();
        Features.Threads.Preview.MapPreview(app);
        Features.Uploads.UploadsEndpoints.MapUploads(app);
        Features.Users.Avatars.MapAvatars(app);
        Features.Users.UserCard.MapUserCards(app);
        Features.Drafts.DraftEndpoints.MapDrafts(app);
        Features.Users.MentionSuggestions.MapMentionSuggestions(app);
        Features.Tags.TagSuggestions.MapTagSuggestions(app);
        app.MapHub<Features.Live.LiveHub>(Features.Live.LiveHub.Path);
        Features.Seo.SeoEndpoints.MapSeo(app);
        Features.Escalations.EscalationsApi.MapEscalationsApi(app);
    }

    /// <summary>Themes are copied next to the binaries; a source checkout also has them beside the project.</summary>
    internal static string ThemesDirectory(IWebHostEnvironment env)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "wwwroot-themes");
        return Directory.Exists(copied) ? copied : Path.GetFullPath(Path.Combine(env.ContentRootPath, "..", "wwwroot-themes"));
    }
}
