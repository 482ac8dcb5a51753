using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>Candidates, companies and entries made through the API, for the provision tests.</summary>
internal sealed class ProvisionHarness(CustodianApp app, HttpClient client)
{
    public const string Version = "2023-06-09";
    public const string Purpose = "service.provide-to-user-company";

    public HttpClient Client => client;

    public static async Task<ProvisionHarness> StartAsync(CustodianApp app) => new(app, await app.ClientWithTokenAsync());

    public async Task<Guid> PersonAsync(params string[] consents)
    {
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"p-{Guid.NewGuid():N}@example.com", consents));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> CompanyAsync(string country = "MX", bool contract = true, DateOnly? expiresOn = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/client-companies", new { name = "Hospital Ángeles", industry = "healthcare", country });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        if (contract)
        {
            var signed = await client.PutAsJsonAsync($"/api/v1/client-companies/{id}/contract",
                new { signedOn = "2024-01-01", document = "CT-2024-001", expiresOn = (expiresOn ?? new DateOnly(2099, 1, 1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        return id;
    }

    public Task<HttpResponseMessage> EnterAsync(Guid person, Guid company, string method = "api", string[]? items = null, string version = Version) =>
        client.PostAsJsonAsync("/api/v1/provision/entries", new
        {
            personId = person,
            companyId = company,
            method,
            items,
            policyVersion = version,
            evidence = new { channel = "job-site", ip = "203.0.113.77", userAgent = "Mozilla/5.0 test", textHash = new string('a', 64) },
        });

    public async Task<JsonElement> EnteredAsync(Guid person, Guid company, string[]? items = null)
    {
        var response = await EnterAsync(person, company, items: items);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<List<AuditEvent>> EventsAsync(Guid personId)
    {
        await using var db = await Db();
        return await db.Set<AuditEvent>().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync();
    }

    public async Task<CustodianDb> Db() => await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();

    public static void Refusal(List<AuditEvent> events, AuditEventType type, string reason) =>
        Assert.Contains(events, e => e.Type == type && e.Outcome == AuditOutcome.Refused && e.Reason == reason);
}
