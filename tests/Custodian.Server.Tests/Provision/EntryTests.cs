using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Consent;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

public abstract class EntryTests(CustodianApp app)
{
    [Fact]
    public async Task Entry_records_consent_with_evidence_the_provision_record_and_audit_events_together()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());

        var receipt = await h.EnteredAsync(person, company);

        await using var db = await h.Db();
        var record = await db.Set<ProvisionRecord>().SingleAsync(r => r.PersonId == person);
        Assert.Equal(receipt.GetProperty("provisionRecordId").GetGuid(), record.Id);
        Assert.Equal(company, record.CompanyId);
        Assert.Equal("name,address,sex,telephone,email,date-of-birth,experience,career", record.Items);
        Assert.Equal("api", record.Method);
        Assert.True(record.KeepUntil >= record.ProvidedAt.AddYears(3));
        var consent = await db.Set<ConsentRecord>().SingleAsync(c => c.Id == record.ConsentRecordId);
        Assert.True(consent.Given);
        Assert.Equal((ProvisionHarness.Purpose, ProvisionHarness.Version, "job-site"), (consent.Purpose, consent.PolicyVersion, consent.Channel));
        Assert.Equal("203.0.113.0", consent.AnonymizedIp);
        Assert.Equal(new string('a', 64), consent.EvidenceHash);
        var events = await h.EventsAsync(person);
        Assert.Contains(events, e => e.Type == AuditEventType.ConsentGiven && e.Subject == consent.Id.ToString());
        Assert.Contains(events, e => e.Type == AuditEventType.EntryProvisionRecorded && e.Subject == record.Id.ToString() && e.Items == record.Items);
    }

    [Fact]
    public async Task Entry_for_a_company_without_a_contract_is_refused_and_audited()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync(contract: false));

        var problem = await (await h.EnterAsync(person, company)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(("contract.missing", "companyId"), (problem.Code(), problem.Field()));
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.EntryRefused, "contract.missing");
        await using var db = await h.Db();
        Assert.False(await db.Set<ProvisionRecord>().AnyAsync(r => r.PersonId == person));
        Assert.False(await db.Set<ConsentRecord>().AnyAsync(c => c.PersonId == person));
    }

    [Fact]
    public async Task Entry_for_a_company_whose_contract_expired_is_refused_and_audited()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync(expiresOn: new DateOnly(2025, 1, 1)));

        var problem = await (await h.EnterAsync(person, company)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("contract.not-in-force", problem.Code());
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.EntryRefused, "contract.not-in-force");
    }

    [Fact]
    public async Task Company_abroad_needs_the_same_care_agreement_first()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync(country: "JP"));

        var problem = await (await h.EnterAsync(person, company)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var agreed = await h.Client.PutAsJsonAsync($"/api/v1/client-companies/{company}/same-care-agreement", new { agreedOn = "2024-02-01", document = "SC-1" });

        Assert.Equal("company.same-care-missing", problem.Code());
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await h.EnterAsync(person, company)).StatusCode);
    }

    [Fact]
    public async Task Items_beyond_the_policy_list_are_refused_with_the_field_named()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());

        var problem = await (await h.EnterAsync(person, company, items: ["name", "place-of-work"])).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(("provision.item-not-allowed", "items"), (problem.Code(), problem.Field()));
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.EntryRefused, "provision.item-not-allowed");
    }

    [Fact]
    public async Task Consent_claimed_under_an_old_policy_version_is_refused()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());

        var entry = await (await h.EnterAsync(person, company, version: "2019-01-01")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var consent = await (await h.Client.PostAsJsonAsync("/api/v1/consent", new { personId = person, purpose = "service.marketing", given = true, policyVersion = "2019-01-01" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(("consent.policy-version", "policyVersion"), (entry.Code(), entry.Field()));
        Assert.Equal("consent.policy-version", consent.Code());
        var events = await h.EventsAsync(person);
        ProvisionHarness.Refusal(events, AuditEventType.EntryRefused, "consent.policy-version");
        ProvisionHarness.Refusal(events, AuditEventType.ConsentRefused, "consent.policy-version");
    }

    [Fact]
    public async Task Unknown_method_and_missing_ids_name_the_field()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());

        var method = await (await h.EnterAsync(person, company, method: "carrier-pigeon")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var missing = await (await h.Client.PostAsJsonAsync("/api/v1/provision/entries", new { companyId = company })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unknownCompany = await (await h.EnterAsync(person, Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound);
        var badIp = await (await h.Client.PostAsJsonAsync("/api/v1/provision/entries", new { personId = person, companyId = company, method = "api", policyVersion = ProvisionHarness.Version, evidence = new { ip = "not-an-ip" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("method", method.Field());
        Assert.Equal("personId", missing.Field());
        Assert.Equal("company.unknown", unknownCompany.Code());
        Assert.Equal("evidence.ip", badIp.Field());
    }

    [Fact]
    public async Task Concurrent_entries_for_the_same_person_and_company_produce_exactly_one_provision_record()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => h.EnterAsync(person, company)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal("entry.exists", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        }

        await using var db = await h.Db();
        Assert.Equal(1, await db.Set<ProvisionRecord>().CountAsync(r => r.PersonId == person && r.CompanyId == company));
        Assert.Equal(15, (await h.EventsAsync(person)).Count(e => e.Type == AuditEventType.EntryRefused && e.Reason == "entry.exists"));
    }

    [Fact]
    public async Task Concurrent_entries_again_after_a_withdrawal_reopen_the_entry_once()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());
        var entry = (await h.EnteredAsync(person, company)).GetProperty("entryId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await h.Client.PostAsync($"/api/v1/provision/entries/{entry}/withdraw", null)).StatusCode);

        // Spread over some 30 ms, so that some arrive while the batch before them is still committing.
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            await Task.Delay(i);
            return await h.EnterAsync(person, company);
        }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal("entry.exists", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        }

        await using var db = await h.Db();
        Assert.Equal(2, await db.Set<ProvisionRecord>().CountAsync(r => r.PersonId == person && r.CompanyId == company));
        var reopened = await db.Set<Entry>().SingleAsync(e => e.PersonId == person && e.CompanyId == company);
        Assert.Equal(EntryState.Open, reopened.State);
        Assert.Equal(entry, reopened.Id);
    }

    [Fact]
    public async Task Bulk_entries_share_a_batch_id_and_each_stands_alone()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var company = await h.CompanyAsync();
        var (a, b) = (await h.PersonAsync(), await h.PersonAsync());

        var response = await h.Client.PostAsJsonAsync("/api/v1/provision/entries/bulk", new
        {
            companyId = company,
            method = "electronic-media",
            entries = new object[]
            {
                new { personId = a, policyVersion = ProvisionHarness.Version },
                new { personId = b, policyVersion = ProvisionHarness.Version },
                new { personId = b, policyVersion = ProvisionHarness.Version },
            },
        });

        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count(r => r.TryGetProperty("provisionRecordId", out _)));
        Assert.Equal("entry.exists", Assert.Single(results, r => r.TryGetProperty("refused", out _)).GetProperty("refused").GetString());
        await using var db = await h.Db();
        var batches = await db.Set<ProvisionRecord>().Where(r => r.CompanyId == company).Select(r => r.BatchId).ToListAsync();
        Assert.Equal(2, batches.Count);
        Assert.NotNull(batches[0]);
        Assert.Equal(batches[0], batches[1]);
    }

    [Fact]
    public async Task Records_are_listed_by_person_and_exported_as_csv()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());
        var receipt = await h.EnteredAsync(person, company, items: ["name", "email"]);

        var json = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/records?personId={person}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/provision/records?companyId={company}&from=2020-01-01&to=2099-01-01");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await h.Client.SendAsync(request)).Content.ReadAsStringAsync();
        var none = await (await h.Client.GetAsync("/api/v1/provision/records")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("name,email", Assert.Single(json.GetProperty("records").EnumerateArray()).GetProperty("items").GetString());
        Assert.StartsWith("id,provided_at,person_id", csv, StringComparison.Ordinal);
        Assert.Contains(receipt.GetProperty("provisionRecordId").GetGuid().ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain("María", csv, StringComparison.Ordinal);
        Assert.Equal("personId", none.Field());
    }
}

public sealed class EntryTests_Sqlite(SqliteApp app) : EntryTests(app), IClassFixture<SqliteApp>;

public sealed class EntryTests_Postgres(PostgresApp app) : EntryTests(app), IClassFixture<PostgresApp>;
