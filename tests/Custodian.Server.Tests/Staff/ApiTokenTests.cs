using System.Net;
using System.Net.Http.Headers;
using Custodian.Gate;
using Custodian.Server.Staff;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Staff;

public abstract class ApiTokenTests(CustodianApp app)
{
    private const string Url = "/api/v1/client-companies/";

    /// <summary>The server's clock, moved by the test: validated tokens are kept for a time.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static HttpClient Client(WebApplicationFactory<Program> server, string secret)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task A_token_works_at_once_is_checked_again_after_the_max_age_and_stops_working_once_revoked()
    {
        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        await using var server = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var created = (await server.Services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, "to revoke", CustodianApp.ServicePermissions, [])).Value;
        using var client = Client(server, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url)).StatusCode);
        clock.Now += ValidatedTokens.MaxAge;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url)).StatusCode);

        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            await db.Set<ApiToken>().Where(t => t.Id == created.Token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, clock.Now.UtcDateTime));
        }

        clock.Now += ValidatedTokens.MaxAge;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url)).StatusCode);
        clock.Now += ValidatedTokens.MaxAge;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task A_token_revoked_through_this_server_is_refused_on_the_next_call_without_waiting_for_the_max_age()
    {
        var clock = new ManualClock(TimeProvider.System.GetUtcNow());
        await using var server = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var tokens = server.Services.GetRequiredService<ApiTokens>();
        var created = (await tokens.CreateAsync(Actor.System, "leaked", CustodianApp.ServicePermissions, [])).Value;
        using var client = Client(server, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url)).StatusCode);

        Assert.True((await tokens.RevokeAsync(Actor.System, created.Token.Id)).Succeeded);

        // The clock has not moved: the kept check would still be fresh.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_malformed_secrets_are_refused_every_time()
    {
        foreach (var secret in new[] { "cst_not-a-token", "not even the prefix", "cst_" + new string('x', 500) })
        {
            using var client = Client(app, secret);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url)).StatusCode);
        }
    }
}

public sealed class ApiTokenTests_Sqlite(SqliteApp app) : ApiTokenTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenTests_Postgres(PostgresApp app) : ApiTokenTests(app), IClassFixture<PostgresApp>;
