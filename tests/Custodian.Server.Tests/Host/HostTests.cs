using System.Net;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Host;

public abstract class HostTests(CustodianApp app)
{
    [Fact]
    public async Task Health_endpoints_answer_live_and_ready()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Ready, and Degraded only because this server has no Mail:Host: messages wait in the outbox (docs/mail.md).
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_person_endpoints()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/persons/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/persons/search", out _));
    }

    [Fact]
    public async Task OpenApi_document_declares_the_security_schemes_and_each_operations_permission_and_refusals()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("console-session").GetProperty("in").GetString());
        var erase = document.GetProperty("paths").GetProperty("/api/v1/persons/{id}").GetProperty("delete");
        Assert.Equal("persons.erase", erase.GetProperty("x-required-permission").GetString());
        Assert.True(erase.GetProperty("responses").TryGetProperty("403", out _));
        Assert.NotEmpty(erase.GetProperty("security").EnumerateArray());
        // Every operation but the public ones names its permission.
        var undeclared = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .Where(o => o.Operation.ValueKind == JsonValueKind.Object && !o.Operation.TryGetProperty("x-required-permission", out _))
            .Select(o => $"{o.Method} {o.Path}")
            .ToList();
        Assert.All(undeclared, o => Assert.Matches("^get /(api/v1/(policy|policies/|cookie-consent)|health|openapi|privacy/requests/)|^post /api/v1/cookie-consent/", o));
    }

    [Fact]
    public async Task Responses_carry_a_strict_content_security_policy()
    {
        var response = await app.CreateClient().GetAsync("/health/live");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Unknown_api_route_is_a_problem_not_a_stack_trace()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class HostTests_Sqlite(SqliteApp app) : HostTests(app), IClassFixture<SqliteApp>;

public sealed class HostTests_Postgres(PostgresApp app) : HostTests(app), IClassFixture<PostgresApp>;
