using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

/// <summary>POST /api/v1/persons/{id}/reads: a catch-all purpose is read only with a reason, which stays out of the URL and the chain.</summary>
public abstract class CatchAllReadApiTests(CustodianApp app)
{
    [Fact]
    public async Task A_catch_all_read_without_a_reason_is_a_problem_naming_the_reason_field()
    {
        var (client, id) = await RegisterAsync();

        var viaGet = await (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.incidental")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var viaPost = await (await client.PostAsJsonAsync($"/api/v1/persons/{id}/reads", new { purpose = "service.incidental" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("reason", "purpose.reason-required"), (viaGet.Field(), viaGet.Code()));
        Assert.Equal(("reason", "purpose.reason-required"), (viaPost.Field(), viaPost.Code()));
    }

    [Fact]
    public async Task A_catch_all_read_with_a_reason_answers_the_items_and_audits_the_reason_by_id()
    {
        var (client, id) = await RegisterAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/persons/{id}/reads", new { purpose = "service.incidental", reason = "María López asked us to resend the interview address" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("María López", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetProperty("name").GetString());
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var read = await db.Set<AuditEvent>().SingleAsync(e => e.PersonId == id && e.Type == AuditEventType.PersonRead);
        Assert.StartsWith("reason:", read.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("López", $"{read.Subject}{read.Items}{read.Reason}", StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, Guid Id)> RegisterAsync()
    {
        var client = await app.ClientWithTokenAsync();
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"catch-all-{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }
}

public sealed class CatchAllReadApiTests_Sqlite(SqliteApp app) : CatchAllReadApiTests(app), IClassFixture<SqliteApp>;

public sealed class CatchAllReadApiTests_Postgres(PostgresApp app) : CatchAllReadApiTests(app), IClassFixture<PostgresApp>;
