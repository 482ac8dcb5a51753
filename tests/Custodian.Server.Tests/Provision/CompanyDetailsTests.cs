using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>Companies by name and ISO country, editable and audited; records name their recipient; staff consent carries its evidence.</summary>
public abstract class CompanyDetailsTests(CustodianApp app)
{
    [Theory]
    [InlineData("Japan", "JP")]
    [InlineData("japón", "JP")]
    [InlineData("日本", "JP")]
    [InlineData("mx", "MX")]
    public async Task A_country_typed_as_a_name_or_code_is_saved_as_its_iso_code(string typed, string code)
    {
        var client = await app.ClientWithTokenAsync();

        var response = await client.PostAsJsonAsync("/api/v1/client-companies", new { name = "Sakura Kogyo", industry = "manufacturing", country = typed });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("country").GetString());
    }

    [Theory]
    [InlineData("JA")]
    [InlineData("Narnia")]
    [InlineData("")]
    public async Task An_unknown_country_is_a_field_error_and_nothing_is_saved(string typed)
    {
        var client = await app.ClientWithTokenAsync();
        var name = "Unsaved " + Guid.NewGuid().ToString("N")[..8];

        var problem = await (await client.PostAsJsonAsync("/api/v1/client-companies", new { name, industry = "staffing", country = typed }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("country", problem.Field());
        Assert.Equal("country.iso", problem.Code());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/client-companies");
        Assert.DoesNotContain(list.GetProperty("companies").EnumerateArray(), c => c.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Company_details_are_corrected_and_the_change_is_audited_by_field_name_only()
    {
        var harness = await ProvisionHarness.StartAsync(app);
        var company = await harness.CompanyAsync();

        var updated = await harness.Client.PutAsJsonAsync($"/api/v1/client-companies/{company}", new { name = "Hospital Ángeles Pedregal", industry = "healthcare", country = "Japan" });
        var refused = await (await harness.Client.PutAsJsonAsync($"/api/v1/client-companies/{company}", new { name = "X", industry = "healthcare", country = "JA" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("country", refused.Field());
        var saved = await harness.Client.GetFromJsonAsync<JsonElement>($"/api/v1/client-companies/{company}");
        Assert.Equal("Hospital Ángeles Pedregal", saved.GetProperty("name").GetString());
        Assert.Equal("JP", saved.GetProperty("country").GetString());
        await using var db = await harness.Db();
        var audited = await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.ClientCompanyUpdated && e.Subject == company.ToString()).ToListAsync();
        Assert.Equal("name,country", Assert.Single(audited).Items);
    }

    [Fact]
    public async Task The_records_csv_names_the_client_company_as_recipient()
    {
        var harness = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await harness.PersonAsync(), await harness.CompanyAsync());
        await harness.EnteredAsync(person, company);

        var csv = await harness.Client.GetStringAsync($"/api/v1/provision/records?personId={person}&format=csv");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.Equal("Hospital Ángeles", row[Array.IndexOf(header, "recipient")]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", row[Array.IndexOf(header, "provided_at")]);
    }

    [Theory]
    [InlineData(null, "consent.evidence-required")]
    [InlineData("  ", "consent.evidence-required")]
    [InlineData("ab", "consent.evidence-reference")]
    public async Task A_consent_told_to_staff_without_a_reference_to_its_evidence_is_refused(string? reference, string code)
    {
        var harness = await ProvisionHarness.StartAsync(app);
        var person = await harness.PersonAsync();

        var problem = await (await harness.Client.PostAsJsonAsync("/api/v1/consent", new
        {
            personId = person, purpose = "service.guides", given = true, policyVersion = ProvisionHarness.Version,
            evidence = new { channel = "staff", reference },
        })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("evidence.reference", problem.Field());
        Assert.Equal(code, problem.Code());
        await using var db = await harness.Db();
        Assert.False(await db.Set<Custodian.Consent.ConsentRecord>().AnyAsync(c => c.PersonId == person && c.Purpose == "service.guides"));
    }

    [Fact]
    public async Task A_consent_told_to_staff_keeps_the_reference_to_its_evidence()
    {
        var harness = await ProvisionHarness.StartAsync(app);
        var person = await harness.PersonAsync();

        var response = await harness.Client.PostAsJsonAsync("/api/v1/consent", new
        {
            personId = person, purpose = "service.guides", given = true, policyVersion = ProvisionHarness.Version,
            evidence = new { channel = "staff", reference = "Signed form CF-2026-0042, Querétaro office" },
        });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await using var db = await harness.Db();
        var line = await db.Set<Custodian.Consent.ConsentRecord>().SingleAsync(c => c.PersonId == person && c.Purpose == "service.guides");
        Assert.Equal("Signed form CF-2026-0042, Querétaro office", line.EvidenceReference);
    }
}

public sealed class CompanyDetailsTests_Sqlite(SqliteApp app) : CompanyDetailsTests(app), IClassFixture<SqliteApp>;

public sealed class CompanyDetailsTests_Postgres(PostgresApp app) : CompanyDetailsTests(app), IClassFixture<PostgresApp>;
