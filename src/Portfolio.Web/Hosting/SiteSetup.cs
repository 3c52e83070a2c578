using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Portfolio.Demo;
using Portfolio.People;
using Portfolio.Web.Account;

namespace Portfolio.Web.Hosting;

/// <summary>Services and the request pipeline of the site, in one place.</summary>
public static class SiteSetup
{
    public static void AddPortfolio(this WebApplicationBuilder builder, RepositoryPaths paths)
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        var services = builder.Services;
        services.AddSingleton(paths);
        services.AddSingleton<PortfolioDatabase>();
        services.AddSingleton(sp => sp.GetRequiredService<PortfolioDatabase>().DataSource);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SessionLimits(
            TimeSpan.FromMinutes(builder.Configuration.GetValue("SignIn:IdleMinutes", SessionLimits.Default.Idle.TotalMinutes)),
            TimeSpan.FromHours(builder.Configuration.GetValue("SignIn:AbsoluteHours", SessionLimits.Default.Absolute.TotalHours))));
        services.AddSingleton<Accounts>();
        services.AddSingleton<SessionCache>();
        services.AddHostedService<SessionNotices>();
        services.AddSingleton<Portfolio.Rubrics.RubricStore>();
        services.AddSingleton<Portfolio.Rubrics.RubricImportDrafts>();
        services.AddSingleton<Portfolio.Enrolments.EnrolmentStore>();
        services.AddSingleton<Portfolio.Evidence.EvidenceStore>();
        services.AddSingleton<Portfolio.Evidence.CandidateDashboard>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<Portfolio.Assessment.AssessmentStore>();
        services.AddSingleton<Portfolio.Assessment.Notifications>();
        services.AddSingleton<Portfolio.Hours.HoursStore>();
        services.AddSingleton<Portfolio.Evidence.EvidenceSearch>();
        services.AddSingleton<Portfolio.Audit.AuditLog>();
        services.AddSingleton<Portfolio.Evidence.Redaction>();
        // Matrices and cohort reports may read from a standby (ConnectionStrings:PortfolioReports); by default the primary.
        services.AddSingleton(sp => new Portfolio.Matrix.EvidenceMatrices(sp.GetRequiredService<PortfolioDatabase>().ReportsDataSource,
            sp.GetRequiredService<Portfolio.Rubrics.RubricStore>()));
        services.AddSingleton(sp => new Portfolio.Matrix.Cohort(sp.GetRequiredService<PortfolioDatabase>().ReportsDataSource));
        services.AddSingleton<Portfolio.Export.PortfolioArchive>();
        services.AddSingleton<Portfolio.Storage.FileSweep>();
        if (builder.Configuration.GetValue("Files:Sweep", true))
        {
            services.AddHostedService<FileSweeper>();
        }
        services.AddSingleton<Portfolio.Quality.QualityStore>();
        services.AddSingleton<Portfolio.Quality.ExternalAccess>();
        services.AddSingleton<Portfolio.Quality.ExternalViews>();
        services.AddScoped<ExternalAccessLogFilter>();
        services.AddSingleton(sp => new Portfolio.Storage.FileStore(sp.GetRequiredService<PortfolioDatabase>().FilesFolder));
        services.AddSingleton<Portfolio.Backups.BackupRuns>();
        services.AddSingleton<Portfolio.Privacy.Erasure>();
        services.AddSingleton<Portfolio.Privacy.SubjectAccess>();
        services.AddSingleton<Portfolio.Privacy.Retention>();
        services.AddHostedService<ScheduledRetention>();
        services.AddHostedService<ScheduledBackups>();
        services.AddSingleton(sp => MailWorker.Settings(builder.Configuration, sp.GetRequiredService<PortfolioDatabase>()));
        services.AddSingleton<Portfolio.Mail.OutboxSender>();
        services.AddSingleton<Portfolio.Mail.UnsubscribeLinks>();
        services.AddSingleton<Portfolio.Mail.DailyDigest>();
        services.AddSingleton<Portfolio.Mail.NotificationPreferences>();
        services.AddSingleton<PersonLinks>();
        services.AddSingleton<Portfolio.Witnesses.WitnessRequests>();
        if (builder.Configuration.GetValue("Mail:Send", true))
        {
            services.AddHostedService<MailWorker>();
        }
        services.AddSingleton(_ => SuggestionWorker.Model(builder.Configuration));
        services.AddSingleton<Portfolio.Suggestions.PointVectors>();
        services.AddSingleton<Portfolio.Suggestions.SuggestionRuns>();
        services.AddSingleton<Portfolio.Suggestions.SuggestionStore>();
        services.AddSingleton<Portfolio.Suggestions.SuggestionLog>();
        if (builder.Configuration.GetValue("Suggestions:Worker", true))
        {
            services.AddHostedService<SuggestionWorker>();
        }
        services.Configure<Portfolio.Web.Forms.UploadLimits>(builder.Configuration.GetSection("Uploads"));

        services.AddDataProtection().SetApplicationName("Portfolio");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((o, sp) => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>()));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "portfolio.signin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Error/403";
            // The cookie may live as long as the longest session; the session row decides when it really ends.
            o.ExpireTimeSpan = TimeSpan.FromHours(builder.Configuration.GetValue("SignIn:AbsoluteHours", SessionLimits.Default.Absolute.TotalHours));
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = PersonPrincipal.ValidateAsync;
            // A role that does not open a page answers 403 in place rather than redirecting.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddAreaPolicies();

        services.AddRazorPages(o =>
        {
            foreach (var area in AreaPolicies.Areas)
            {
                o.Conventions.AuthorizeFolder(area.Folder, area.Role);
            }
            o.Conventions.AddFolderApplicationModelConvention("/External", m => m.Filters.Add(new ServiceFilterAttribute(typeof(ExternalAccessLogFilter))));
            o.Conventions.AllowAnonymousToPage("/Account/SignIn");
            o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
            o.Conventions.AllowAnonymousToPage("/Account/ChoosePassword");
            o.Conventions.AllowAnonymousToPage("/Witness");
            o.Conventions.AllowAnonymousToPage("/Account/Unsubscribe");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.ConfigureBaselinePage(builder.Environment.IsEnvironment(BenchmarkSupport.EnvironmentName));
            o.Conventions.ConfigureFilter(new ServerErrors.HandlerNote());
        }).AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new Portfolio.Web.Forms.FieldBinderProvider()));
        builder.Logging.AddFilter(ServerErrors.FrameworkCategory, LogLevel.None);
        services.AddHealthChecks();

        var permits = builder.Configuration.GetValue("SignIn:AttemptsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && RateLimited(context.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
        // Uploads are read to a temporary file by the form reader (never held whole in memory) and then streamed
        // into the file store; the request may be a little larger than the biggest file for the other fields.
        var maxUpload = builder.Configuration.GetValue("Uploads:MaxFileBytes", new Portfolio.Web.Forms.UploadLimits().MaxFileBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxUpload + 1024 * 1024);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = maxUpload + 1024 * 1024);
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
    }

    /// <summary>The anonymous forms that try a password or send mail: limited per address.</summary>
    static bool RateLimited(PathString path) => path.StartsWithSegments("/Account/SignIn")
        || path.StartsWithSegments("/Account/ForgotPassword") || path.StartsWithSegments("/Account/ChoosePassword")
        || path.StartsWithSegments("/Witness");

    static AuthorizationBuilder AddAreaPolicies(this AuthorizationBuilder auth)
    {
        foreach (var area in AreaPolicies.Areas)
        {
            auth.AddPolicy(area.Role, p => p.RequireRole(area.Role));
        }
        return auth;
    }

    /// <summary>Starts (or connects to) the database, migrates it and, on a new embedded database, adds the demo centre.</summary>
    public static async Task StartPortfolioDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<PortfolioDatabase>();
        await database.StartAsync(ct: app.Lifetime.ApplicationStopping);
        app.Lifetime.ApplicationStopped.Register(() => database.DisposeAsync().AsTask().GetAwaiter().GetResult());
        Portfolio.Migrations.Migrator.MigrateUp(database.DataSource.ConnectionString);
        if (database.IsEmbedded)
        {
            await DemoCentre.CreateIfEmptyAsync(database.DataSource, app.Services.GetRequiredService<RepositoryPaths>().Rubrics);
            app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, database));
        }
    }

    static void PrintWelcome(WebApplication app, PortfolioDatabase database)
    {
        var urls = string.Join(", ", app.Urls);
        Console.WriteLine($"""

            Portfolio is running at {urls}
            Data folder (your data: back it up, never delete it): {database.DataFolder}
            {MailLine(app)}
            Demo sign-ins, all with the password "{DemoCentre.Password}":
            {string.Join("\n", DemoCentre.Logins.Select(l => $"  {l.Email,-22} {l.DisplayName} ({string.Join(", ", l.Roles.Select(Role.DisplayName))})"))}
            Press Ctrl+C to stop.

            """);
    }

    static string MailLine(WebApplication app)
    {
        var mail = app.Services.GetRequiredService<Portfolio.Mail.MailSettings>();
        return mail.UsesSmtp
            ? $"Email is sent through {mail.Host}:{mail.Port}"
            : $"Email is not sent (no Mail:Host): each message is written as an .eml file to {mail.PickupFolder}";
    }

    public static void UsePortfolio(this WebApplication app)
    {
        if (app.Environment.IsEnvironment(BenchmarkSupport.EnvironmentName))
        {
            app.UseStatementCounting();
        }
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSessionCatchUp();
        app.RaiseIfRecorded();
        app.UseAuthorization();
        app.RetryTransientReads();
        app.Use(app.Services.GetRequiredService<PageCache>().ServeAsync);
        app.MapGet("/healthz", Health.CheckAsync).AllowAnonymous();
        app.MapRazorPages();
    }
}
