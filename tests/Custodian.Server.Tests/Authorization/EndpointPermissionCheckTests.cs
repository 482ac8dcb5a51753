using Custodian.Server.Staff;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Authorization;

/// <summary>Closed by default: a host with an endpoint that declares neither a permission nor that it is public does not start.</summary>
public sealed class EndpointPermissionCheckTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static async Task<Exception?> VerifyAsync(Action<WebApplication> map)
    {
        await using var host = WebApplication.CreateSlimBuilder().Build();
        map(host);
        return Record.Exception(() => EndpointPermissionCheck.Verify(((IEndpointRouteBuilder)host).DataSources.SelectMany(d => d.Endpoints)));
    }

    [Fact]
    public async Task An_endpoint_without_a_declared_permission_stops_the_start_naming_its_route()
    {
        var refused = await VerifyAsync(host =>
        {
            host.MapGet("/api/v1/declared", () => "ok").RequirePermission("persons.read");
            host.MapGet("/api/v1/public", () => "ok").AllowAnonymous();
            host.MapDelete("/api/v1/forgotten/{id}", (string id) => Results.NoContent());
            host.MapGet("/api/v1/signed-in-only", () => "ok").RequireAuthorization();
        });

        var exception = Assert.IsType<UndeclaredPermissionException>(refused);
        Assert.Contains("/api/v1/forgotten/{id}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("/api/v1/signed-in-only", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/declared", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/public", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_runs_the_check_when_its_pipeline_is_built_and_every_endpoint_passes()
    {
        Assert.Contains(app.Services.GetServices<IStartupFilter>(), f => f is EndpointPermissionCheck);
        EndpointPermissionCheck.Verify(app.Services.GetRequiredService<EndpointDataSource>().Endpoints);
    }
}
