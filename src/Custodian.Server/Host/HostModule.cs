using System.Text.Json;
using System.Text.Json.Serialization;
using Custodian.Server.Components;
using Custodian.Storage;


using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

namespace Custodian.Server.Host;

/// <summary>What every request shares: problem details, JSON rules, OpenAPI, health, the Blazor pages.</summary>
internal static class HostModule
{
    public static WebApplicationBuilder AddCustodianHost(this WebApplicationBuilder builder)
    {
        // Started from another folder (the README's `dotnet run --project`, which keeps ./data where it was run),
        // the settings and the web root are the ones beside the binaries, under everything else that configures.
        var settings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")) && File.Exists(settings))
        {
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = "appsettings.json", Optional = true, FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory) });
        }

        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(builder.Environment.WebRootPath) && Directory.Exists(besideBinaries))
        {
            builder.Environment.WebRootPath = besideBinaries;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(besideBinaries);
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = BodySizeLimit.MaxBytes);
        // The first hosted service: the framework's own (the Data Protection key ring's loader among them) start in
        // the order they were added, and on a fresh database they would read tables the migration has not made yet.
        builder.Services.AddHostedService<FirstStart>();
        builder.Services.AddProblemDetails();
        // First: a store that is down or full is a 503 whatever the request was.
        builder.Services.AddExceptionHandler<StorageFailureHandler>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // A key given twice is ambiguous (which value did the sender mean?): refused, not last-one-wins.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        builder.Services.AddSingleton<OwnOrigins>();
        builder.Services.AddOpenApi(o => Custodian.Server.Staff.PermissionDocumentation.DocumentPermissions(o));
        builder.Services.AddRazorComponents();
        // Japanese and Spanish text is written as text, not as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery();
        builder.Services.AddDataProtectionKeys();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddDbContextCheck<CustodianDb>(tags: ["ready"])
            .AddCheck<StoreWriteHealthCheck>("store-write", tags: ["ready"])
            .AddCheck<KeyFileHealthCheck>("key-file", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseCustodianHost(this WebApplication app)
    {
        // First, so that every later step sees the client's address (X-Forwarded-For from configured proxies only).
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusPages.WriteAsync);
        app.UseMiddleware<BodySizeLimit>();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }

    /// <summary>Runs the server; a start refused for a known reason (data folder, key file, erasure ledger, policy files, options) prints that reason and exits 1.</summary>
    public static async Task<int> RunCustodianAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is Custodian.Vault.Keys.KeyFileException or Custodian.Vault.ErasureLedgerException or DataFolderException or Custodian.Policy.PolicyLoadException
                                   or Microsoft.Extensions.Options.OptionsValidationException or Custodian.Server.Staff.UndeclaredPermissionException
                                   or SchemaNewerException)
        {
            await Console.Error.WriteLineAsync("Custodian did not start: " + ex.Message);
            return 1;
        }
    }

    public static WebApplication MapCustodianPages(this WebApplication app)
    {
        // The site's root is the privacy centre: what a visitor who types the bare address is looking for.
        app.MapGet("/", () => Results.Redirect("/privacy")).AllowAnonymous().ExcludeFromDescription();
        // Blazor's own redirect helper carries no page; every page declares its permission itself.
        app.MapRazorComponents<App>().Add(e =>
        {
            if (e is RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" })
            {
                e.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            }
        });
        return app;
    }
}
