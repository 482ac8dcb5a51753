using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Retention;

/// <summary>The schedule, the disposal records and a run through the API, with the permission each needs.</summary>
public abstract class RetentionApiTests(CustodianApp app)
{
    [Fact]
    public async Task The_schedule_lists_every_rule_in_force_with_its_basis_and_what_falls_due()
    {
        var client = await app.ClientWithPermissionsAsync(["retention.read"]);

        var schedule = await client.GetFromJsonAsync<JsonElement>("/api/v1/retention/schedule?days=30");

        var persons = schedule.EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "persons" && l.GetProperty("policyId").GetString() == "leverages-career-mexico");
        Assert.Equal(("3 years", "policy"), (persons.GetProperty("keep").GetString(), persons.GetProperty("basis").GetString()));
        Assert.Contains("当社の規程に従って廃棄します", persons.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, schedule.EnumerateArray().Count(l => l.GetProperty("kind").GetString() == "audit-events"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync("/api/v1/retention/schedule?days=0")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_needs_retention_manage_and_reports_per_rule()
    {
        var reader = await app.ClientWithPermissionsAsync(["retention.read"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/retention/runs", new { dryRun = true })).StatusCode);
        var manager = await app.ClientWithPermissionsAsync(["retention.manage"]);

        var response = await manager.PostAsJsonAsync("/api/v1/retention/runs", new { dryRun = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Contains(report.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "sessions");
        Assert.Equal(JsonValueKind.Array, (await reader.GetFromJsonAsync<JsonElement>("/api/v1/retention/disposals")).ValueKind);
    }
}

public sealed class SqliteRetentionApiTests(SqliteApp app) : RetentionApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresRetentionApiTests(PostgresApp app) : RetentionApiTests(app), IClassFixture<PostgresApp>;
