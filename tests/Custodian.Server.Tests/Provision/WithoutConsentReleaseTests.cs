using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Provision;

public abstract class WithoutConsentReleaseTests(CustodianApp app)
{
    private static object Body(Guid person, params string[] items) => new
    {
        personId = person, recipient = "Fiscalía General del Estado de Querétaro", ground = "a", reason = "Court order in case 45/2026",
        authorityReference = "FGE/QRO/45/2026", items, method = "document",
    };

    private static Task<Guid> AskAsync(ProvisionHarness h, Guid person, params string[] items) => AskAsync(h.Client, person, items);

    private static async Task<Guid> AskAsync(HttpClient asker, Guid person, params string[] items)
    {
        var created = await asker.PostAsJsonAsync("/api/v1/provision/without-consent", Body(person, items));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    // Approving is a person's decision (provision.approve is held by staff roles, never by a service's token).
    private async Task<HttpClient> ApproverAsync() => (await Staff.SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1")).Client;

    private static List<AuditEvent> Provided(List<AuditEvent> events) => events.Where(e => e.Type == AuditEventType.PersonProvided).ToList();

    [Fact]
    public async Task Approval_releases_only_the_approved_items_through_the_gate_and_the_record_is_disclosed()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var requestId = await AskAsync(h, person, "name", "address");
        var queued = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/provision/without-consent", TestContext.Current.CancellationToken);
        var before = Provided(await h.EventsAsync(person));

        var approved = await (await ApproverAsync()).PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null, TestContext.Current.CancellationToken);
        var body = await approved.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Contains(queued.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
        Assert.Empty(before);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var items = body.GetProperty("items").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(["address", "name"], items.Keys.Order());
        Assert.Equal("María López", items["name"]);
        var provided = Assert.Single(Provided(await h.EventsAsync(person)));
        Assert.Equal((AuditOutcome.Allowed, "service.apply"), (provided.Outcome, provided.Purpose));
        var disclosed = Assert.Single(await app.Service<IProvisionRecordSource>().ForPersonAsync(person, TestContext.Current.CancellationToken));
        Assert.Equal(("a", "name,address"), (disclosed.Ground, disclosed.Items));
        var queue = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/provision/without-consent", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(queue.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
    }

    [Fact]
    public async Task A_rejected_request_releases_nothing_and_cannot_be_approved_afterwards()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var asker = await ApproverAsync();
        var requestId = await AskAsync(asker, person, "name");
        var other = await ApproverAsync();

        var self = await (await asker.PostAsync($"/api/v1/provision/without-consent/{requestId}/reject", null, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var rejected = await other.PostAsync($"/api/v1/provision/without-consent/{requestId}/reject", null, TestContext.Current.CancellationToken);
        var late = await (await other.PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Conflict);
        var unknown = await (await other.PostAsync($"/api/v1/provision/without-consent/{Guid.NewGuid()}/reject", null, TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("approval.same-actor", self.Code());
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("state").GetString());
        Assert.Equal("provision-request.decided", late.Code());
        Assert.Equal("provision-request.unknown", unknown.Code());
        var events = await h.EventsAsync(person);
        Assert.Empty(Provided(events));
        Assert.Contains(events, e => e.Type == AuditEventType.ProvisionWithoutConsentRejected);
        var records = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/records?personId={person}", TestContext.Current.CancellationToken);
        Assert.Empty(records.GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task A_stop_request_does_not_hold_back_a_provision_the_policys_grounds_permit_without_consent()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var requestId = await AskAsync(h, person, "name");
        Assert.Equal(HttpStatusCode.OK, (await h.Client.PostAsJsonAsync("/api/v1/provision/stops", new { personId = person }, TestContext.Current.CancellationToken)).StatusCode);

        var approved = await (await ApproverAsync()).PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Single(Provided(await h.EventsAsync(person)));
    }

    [Fact]
    public async Task An_erased_person_is_not_released_and_the_request_stays_undecided()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var requestId = await AskAsync(h, person, "name");
        Assert.Equal(HttpStatusCode.NoContent, (await h.Client.DeleteAsync($"/api/v1/persons/{person}", TestContext.Current.CancellationToken)).StatusCode);

        var refused = await (await (await ApproverAsync()).PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null, TestContext.Current.CancellationToken))
            .AssertProblemAsync(HttpStatusCode.Gone);

        Assert.Equal("person.erased", refused.Code());
        var queue = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/provision/without-consent", TestContext.Current.CancellationToken);
        Assert.Contains(queue.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
    }

    [Fact]
    public async Task Items_not_held_under_one_purpose_without_consent_are_refused_when_asked()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();

        var problem = await (await h.Client.PostAsJsonAsync("/api/v1/provision/without-consent", Body(person, "place-of-work", "inquiry"), TestContext.Current.CancellationToken))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("provision.items-held", "items"), (problem.Code(), problem.Field()));
    }

    [Fact]
    public async Task A_stop_shows_the_withdrawn_entries_and_the_companies_told_and_can_be_lifted_once()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        await h.EnteredAsync(person, await h.CompanyAsync());
        await h.Client.PostAsJsonAsync("/api/v1/provision/stops", new { personId = person }, TestContext.Current.CancellationToken);

        var state = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/stops/{person}", TestContext.Current.CancellationToken);
        var lifted = await h.Client.DeleteAsync($"/api/v1/provision/stops/{person}", TestContext.Current.CancellationToken);
        var twice = await (await h.Client.DeleteAsync($"/api/v1/provision/stops/{person}", TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Conflict);
        var unknown = await (await h.Client.GetAsync($"/api/v1/provision/stops/{Guid.NewGuid()}", TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.NotFound);
        var after = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/stops/{person}", TestContext.Current.CancellationToken);

        Assert.True(state.GetProperty("provisionStopped").GetBoolean());
        var entry = Assert.Single(state.GetProperty("entries").EnumerateArray());
        Assert.Equal(("withdrawn", "provision-stopped"), (entry.GetProperty("state").GetString(), entry.GetProperty("withdrawnReason").GetString()));
        Assert.NotEqual(JsonValueKind.Null, entry.GetProperty("companyToldAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal("person.provision-not-stopped", twice.Code());
        Assert.Equal("person.unknown", unknown.Code());
        Assert.False(after.GetProperty("provisionStopped").GetBoolean());
        Assert.Equal("withdrawn", after.GetProperty("entries")[0].GetProperty("state").GetString());
        Assert.Contains(await h.EventsAsync(person), e => e.Type == AuditEventType.ProvisionStopCleared);
    }

    [Fact]
    public async Task Records_download_as_csv_by_query_and_a_period_must_end_after_it_starts()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        await h.EnteredAsync(person, await h.CompanyAsync());

        var csv = await h.Client.GetAsync($"/api/v1/provision/records?personId={person}&format=csv", TestContext.Current.CancellationToken);
        var backwards = await (await h.Client.GetAsync($"/api/v1/provision/records?personId={person}&from=2026-02-01&to=2026-01-01", TestContext.Current.CancellationToken))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(2, (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Trim().Split('\n').Length);
        Assert.Equal(("records.period", "to"), (backwards.Code(), backwards.Field()));
    }

    [Fact]
    public async Task Consignees_are_listed_with_their_supervision_records()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var selected = await h.Client.PostAsJsonAsync("/api/v1/provision/consignees", new
        {
            name = "Archivo Seguro S.A.", purposes = new[] { "service.answer-inquiries" }, items = new[] { "name" }, checklist = Custodian.Provision.SelectionChecklist.Criteria,
        }, TestContext.Current.CancellationToken);
        var id = (await selected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        await h.Client.PostAsJsonAsync($"/api/v1/provision/consignees/{id}/supervisions", new { satisfactory = true, findings = "Audit visit" }, TestContext.Current.CancellationToken);

        var list = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/provision/consignees", TestContext.Current.CancellationToken);

        var listed = Assert.Single(list.GetProperty("consignees").EnumerateArray(), c => c.GetProperty("consignee").GetProperty("id").GetGuid() == id);
        Assert.Equal("Audit visit", Assert.Single(listed.GetProperty("supervisions").EnumerateArray()).GetProperty("findings").GetString());
    }
}

public sealed class WithoutConsentReleaseTests_Sqlite(SqliteApp app) : WithoutConsentReleaseTests(app), IClassFixture<SqliteApp>;

public sealed class WithoutConsentReleaseTests_Postgres(PostgresApp app) : WithoutConsentReleaseTests(app), IClassFixture<PostgresApp>;
