using Custodian.Policy;
using Custodian.Server.Components;
using Custodian.Server.Policy;

namespace Custodian.Server.Host;

/// <summary>What every request shares: problem details, OpenAPI, health, the Blazor pages.</summary>
internal static class HostModule
{
    public static WebApplicationBuilder AddCustodianHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPolicy(builder.Configuration);
        return builder;
    }

    public static WebApplication UseCustodianHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    public static WebApplication MapCustodianPages(this WebApplication app)
    {
        app.MapPolicy();
        app.MapRazorComponents<App>();
        return app;
    }
}
