using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

public abstract class ProvisionFlowTests(CustodianApp app)
{
    private async Task<Actor> CompanyUserAsync(ProvisionHarness h, Guid company)
    {
        var account = await app.Service<StaffAccounts>().CreateAsync(Actor.System, "cu." + Guid.NewGuid().ToString("N")[..10], "a long company password", ProvisionRoles.CompanyUser);
        var linked = await h.Client.PostAsJsonAsync($"/api/v1/client-companies/{company}/users", new { staffAccountId = account.Value!.Id });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return new Actor(ActorKind.Staff, account.Value.Id, ProvisionRoles.CompanyUser);
    }

    [Fact]
    public async Task The_persons_disclosure_lists_their_provision_records_by_recipient()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var company = await h.CompanyAsync();
        await h.EnteredAsync(person, company);

        var lines = await app.Service<Custodian.Requests.IProvisionRecordSource>().ForPersonAsync(person, TestContext.Current.CancellationToken);

        var line = Assert.Single(lines);
        Assert.Equal(ProvisionHarness.Purpose, line.Purpose);
        Assert.Null(line.Ground);
        Assert.NotEqual("client-company", line.Recipient);
        Assert.Contains("name", line.Items, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Company_user_sees_only_the_provided_items_with_the_statement_and_the_receipt_is_recorded()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());
        await h.EnteredAsync(person, company, items: ["name", "email", "career"]);
        var user = await CompanyUserAsync(h, company);
        var side = app.Service<RecipientSide>();

        var view = await side.ViewAsync(user, person, TestContext.Current.CancellationToken);
        await side.ViewAsync(user, person, TestContext.Current.CancellationToken);

        Assert.True(view.Succeeded, view.Failure?.Code);
        Assert.Equal(["career", "email", "name"], view.Value!.Items.Keys.Order().ToArray());
        Assert.Contains("Leverages Career Mexico", view.Value.Statement, StringComparison.Ordinal);
        await using var db = await h.Db();
        Assert.Equal(1, await db.Set<ProvisionReceipt>().CountAsync(r => r.PersonId == person, TestContext.Current.CancellationToken));
        var events = await h.EventsAsync(person);
        Assert.Contains(events, e => e.Type == AuditEventType.PersonProvided && e.Outcome == AuditOutcome.Allowed && e.Actor == user.AuditName);
        Assert.Single(events, e => e.Type == AuditEventType.ProvisionReceived);
    }

    [Fact]
    public async Task Company_user_cannot_read_other_persons_or_other_purposes()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, other, company) = (await h.PersonAsync(), await h.PersonAsync(), await h.CompanyAsync());
        await h.EnteredAsync(person, company);
        var user = await CompanyUserAsync(h, company);

        var notProvided = await app.Service<RecipientSide>().ViewAsync(user, other, TestContext.Current.CancellationToken);
        var read = await app.Service<PersonGate>().ReadAsync(user, person, "service.apply", TestContext.Current.CancellationToken);

        Assert.Equal("provided.unknown", notProvided.Failure?.Code);
        Assert.Equal("company-user.use", read.Failure?.Code);
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.PersonRead, "company-user.use");
    }

    [Fact]
    public async Task Withdrawn_entry_stops_later_provision_to_that_company_and_the_company_is_told()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company, other) = (await h.PersonAsync(), await h.CompanyAsync(), await h.CompanyAsync());
        var entry = (await h.EnteredAsync(person, company)).GetProperty("entryId").GetGuid();
        var otherEntry = (await h.EnteredAsync(person, other)).GetProperty("entryId").GetGuid();
        var (user, otherUser) = (await CompanyUserAsync(h, company), await CompanyUserAsync(h, other));

        Assert.Equal(HttpStatusCode.OK, (await h.Client.PostAsync($"/api/v1/provision/entries/{entry}/withdraw", null)).StatusCode);
        var again = await (await h.Client.PostAsync($"/api/v1/provision/entries/{entry}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var view = await app.Service<RecipientSide>().ViewAsync(user, person, TestContext.Current.CancellationToken);
        var stillOpen = await app.Service<RecipientSide>().ViewAsync(otherUser, person, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.PostAsync($"/api/v1/provision/entries/{otherEntry}/withdraw", null)).StatusCode);
        var none = await app.Service<RecipientSide>().ViewAsync(otherUser, person, TestContext.Current.CancellationToken);

        Assert.Equal("entry.withdrawn", again.Code());
        Assert.Equal("entry.not-open", view.Failure?.Code);
        Assert.True(stillOpen.Succeeded);
        // The last open entry gone, the consent to provision is withdrawn in the ledger and the gate refuses on it first.
        Assert.Equal("consent.missing", none.Failure?.Code);
        await using var db = await h.Db();
        Assert.True(await db.Set<CompanyNotice>().AnyAsync(n => n.EntryId == entry && n.CompanyId == company, TestContext.Current.CancellationToken));
        var events = await h.EventsAsync(person);
        Assert.Single(events, e => e.Type == AuditEventType.ConsentWithdrawn && e.Purpose == ProvisionHarness.Purpose);
        ProvisionHarness.Refusal(events, AuditEventType.PersonProvided, "entry.not-open");
    }

    [Fact]
    public async Task Stop_request_withdraws_open_entries_and_the_gate_refuses_every_later_provision()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, first, second) = (await h.PersonAsync(), await h.CompanyAsync(), await h.CompanyAsync());
        await h.EnteredAsync(person, first);
        await h.EnteredAsync(person, second);

        var stopped = await h.Client.PostAsJsonAsync("/api/v1/provision/stops", new { personId = person });
        var twice = await (await h.Client.PostAsJsonAsync("/api/v1/provision/stops", new { personId = person })).AssertProblemAsync(HttpStatusCode.Conflict);
        var entry = await (await h.EnterAsync(person, await h.CompanyAsync())).AssertProblemAsync(HttpStatusCode.Forbidden);
        var gate = await app.Service<PersonGate>().UseAsync(new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter"), person, ProvisionHarness.Purpose, GateUse.Provide, TestContext.Current.CancellationToken);

        Assert.Equal(2, (await stopped.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("entriesWithdrawn").GetInt32());
        Assert.Equal("person.provision-stopped", twice.Code());
        Assert.Equal("person.provision-stopped", entry.Code());
        Assert.Equal("person.provision-stopped", gate.Failure?.Code);
        await using var db = await h.Db();
        Assert.Equal(2, await db.Set<CompanyNotice>().CountAsync(n => n.PersonId == person && n.Reason == "provision-stopped", TestContext.Current.CancellationToken));
        var events = await h.EventsAsync(person);
        Assert.Contains(events, e => e.Type == AuditEventType.ProvisionStopRequested);
        ProvisionHarness.Refusal(events, AuditEventType.EntryRefused, "person.provision-stopped");
        ProvisionHarness.Refusal(events, AuditEventType.PersonProvided, "person.provision-stopped");
    }

    [Fact]
    public async Task Provision_without_consent_needs_a_ground_of_the_policy_and_another_approver()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var body = new { personId = person, recipient = "Fiscalía General del Estado de Querétaro", ground = "e", reason = "Written request in an investigation", authorityReference = "FGE/QRO/123/2026", items = new[] { "name", "address" }, method = "document" };

        var badGround = await (await h.Client.PostAsJsonAsync("/api/v1/provision/without-consent", body with { ground = "z" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noReason = await (await h.Client.PostAsJsonAsync("/api/v1/provision/without-consent", body with { reason = " " })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        // Approval is a person's decision: a privacy officer asks, another approves.
        var (officer, _) = await Staff.SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");
        var created = await officer.PostAsJsonAsync("/api/v1/provision/without-consent", body);
        var requestId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("requestId").GetGuid();
        var self = await (await officer.PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await h.Client.PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null)).StatusCode);
        var (approver, _) = await Staff.SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");
        var approved = await approver.PostAsync($"/api/v1/provision/without-consent/{requestId}/approve", null);

        Assert.Contains("ground", badGround.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("reason", noReason.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("approval.same-actor", self.Code());
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var records = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/records?personId={person}", TestContext.Current.CancellationToken);
        var record = Assert.Single(records.GetProperty("records").EnumerateArray());
        Assert.Equal(("e", "FGE/QRO/123/2026"), (record.GetProperty("ground").GetString(), record.GetProperty("authorityReference").GetString()));
        Assert.Equal(JsonValueKind.Null, record.GetProperty("consentRecordId").ValueKind);
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.ProvisionWithoutConsentRefused, "approval.same-actor");
    }

    [Fact]
    public async Task Consignee_credential_is_refused_outside_its_purposes_and_sees_only_entrusted_items()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var person = await h.PersonAsync();
        var incomplete = await (await h.Client.PostAsJsonAsync("/api/v1/provision/consignees", new { name = "Call centre S.A.", purposes = new[] { "service.answer-inquiries" }, items = new[] { "name", "telephone" }, checklist = new[] { "security-measures" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        var selected = await h.Client.PostAsJsonAsync("/api/v1/provision/consignees", new
        {
            name = "Call centre S.A.", purposes = new[] { "service.answer-inquiries" }, items = new[] { "name", "telephone" },
            checklist = SelectionChecklist.Criteria,
        });
        var consignee = (await selected.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        var issued = await h.Client.PostAsync($"/api/v1/provision/consignees/{consignee}/credential", null);
        var secret = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("secret").GetString();
        var credential = app.CreateClient();
        credential.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        var outside = await (await credential.GetAsync($"/api/v1/persons/{person}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var inside = await credential.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{person}?purpose=service.answer-inquiries", TestContext.Current.CancellationToken);
        var supervised = await h.Client.PostAsJsonAsync($"/api/v1/provision/consignees/{consignee}/supervisions", new { satisfactory = true, findings = "Annual audit: access logs reviewed" });
        var export = await h.Client.GetStringAsync("/api/v1/provision/consignees/export", TestContext.Current.CancellationToken);

        Assert.Equal("consignee.checklist-incomplete", incomplete.Code());
        Assert.Equal("actor.purpose-not-allowed", outside.Code());
        Assert.Equal(["name", "telephone"], inside.GetProperty("items").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal(HttpStatusCode.Created, supervised.StatusCode);
        Assert.Contains("Call centre S.A.,service.answer-inquiries,\"name,telephone\"", export, StringComparison.Ordinal);
        ProvisionHarness.Refusal(await h.EventsAsync(person), AuditEventType.PersonRead, "actor.purpose-not-allowed");
    }

    [Fact]
    public async Task Withdrawn_consent_blocks_the_purpose_and_the_campaign_export_lists_only_consenting_persons()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (stays, leaves, never) = (await h.PersonAsync("service.marketing"), await h.PersonAsync("service.marketing"), await h.PersonAsync());

        var withdrawn = await h.Client.PostAsJsonAsync("/api/v1/consent", new { personId = leaves, purpose = "service.marketing", given = false, policyVersion = ProvisionHarness.Version, evidence = new { channel = "privacy-centre" } });
        var notAsked = await (await h.Client.PostAsJsonAsync("/api/v1/consent", new { personId = never, purpose = "service.apply", given = true, policyVersion = ProvisionHarness.Version })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var refused = await (await h.Client.GetAsync($"/api/v1/persons/{leaves}?purpose=service.marketing")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var export = await (await h.Client.PostAsJsonAsync("/api/v1/consent/campaign-export", new { purpose = "service.marketing" })).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var state = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/consent/{leaves}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        Assert.Equal("consent.purpose", notAsked.Code());
        Assert.Equal("consent.missing", refused.Code());
        var ids = export.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("personId").GetGuid()).ToList();
        Assert.Contains(stays, ids);
        Assert.DoesNotContain(leaves, ids);
        Assert.DoesNotContain(never, ids);
        Assert.False(state.GetProperty("current").GetProperty("service.marketing").GetBoolean());
        Assert.Equal(2, state.GetProperty("ledger").GetArrayLength());
        Assert.Contains(await h.EventsAsync(stays), e => e.Type == AuditEventType.PersonExported && e.Purpose == "service.marketing");
    }

    [Fact]
    public async Task Joint_use_notice_is_rendered_from_the_policy_in_each_language()
    {
        var client = app.CreateClient();

        var es = WebUtility.HtmlDecode(await client.GetStringAsync("/privacy/joint-use?lang=es", TestContext.Current.CancellationToken));
        var ja = WebUtility.HtmlDecode(await client.GetStringAsync("/privacy/joint-use", TestContext.Current.CancellationToken));
        var group = WebUtility.HtmlDecode(await client.GetStringAsync("/privacy/joint-use?lang=en&policy=leverages-group", TestContext.Current.CancellationToken));
        var unknown = await client.GetAsync("/privacy/joint-use?policy=nobody", TestContext.Current.CancellationToken);

        Assert.Contains("Asian Human Resources Support Cooperative Association (colaboradora de los Servicios)", es, StringComparison.Ordinal);
        Assert.Contains("para solicitar los Servicios", es, StringComparison.Ordinal);
        Assert.Contains("レバレジーズ株式会社", ja, StringComparison.Ordinal);
        Assert.Contains("Phonetic name (Furigana)", group, StringComparison.Ordinal);
        Assert.DoesNotContain("Asian Human Resources", group, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Joint_use_change_needs_advance_notice()
    {
        var h = await ProvisionHarness.StartAsync(app);

        var late = await (await h.Client.PostAsJsonAsync("/api/v1/provision/joint-use/notices", new { change = "Add a joint user", effectiveOn = "2020-01-01" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var ahead = await h.Client.PostAsJsonAsync("/api/v1/provision/joint-use/notices", new { change = "Add a joint user", effectiveOn = "2099-01-01" });

        Assert.Equal(("joint-use.notice-in-advance", "effectiveOn"), (late.Code(), late.Field()));
        Assert.Equal(HttpStatusCode.Created, ahead.StatusCode);
    }
}

public sealed class ProvisionFlowTests_Sqlite(SqliteApp app) : ProvisionFlowTests(app), IClassFixture<SqliteApp>;

public sealed class ProvisionFlowTests_Postgres(PostgresApp app) : ProvisionFlowTests(app), IClassFixture<PostgresApp>;
