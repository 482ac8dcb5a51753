using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Incidents;

/// <summary>The incident register through the API, on both databases: registration, bad input, assessment, closing, persons, containment, deadlines.</summary>
public abstract class IncidentApiTests(CustodianApp app)
{
    private const string Api = "/api/v1/incidents";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> OfficeAsync() => await app.ClientWithPermissionsAsync(["incidents.read", "incidents.manage"]);

    private async Task<Guid> StaffAsync(string role = "privacy-officer") =>
        (await app.Service<StaffAccounts>().CreateAsync(Actor.System, "inc." + Guid.NewGuid().ToString("N")[..10], SafetyHost.Password, role)).Value!.Id;

    private async Task<object> BodyAsync(string cause = "error", int? persons = null, string[]? items = null) => new
    {
        learnedAt = "2026-12-01T10:00:00+09:00",
        learnedHow = "A candidate telephoned",
        learnedBy = (await StaffAsync()).ToString(),
        summary = "A CV was e-mailed to the wrong client company",
        cause,
        policies = new[] { "leverages-group" },
        items = items ?? ["name", "career"],
        affectedCount = persons,
    };

    private async Task<JsonElement> RegisterAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Api, body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_registered_incident_has_its_fields_a_timeline_and_an_audit_event_naming_only_its_id()
    {
        var client = await OfficeAsync();

        var incident = await RegisterAsync(client, await BodyAsync());

        var id = incident.GetProperty("id").GetGuid();
        Assert.Equal(("suspected", "error"), (incident.GetProperty("status").GetString(), incident.GetProperty("cause").GetString()));
        Assert.Equal(["leverages-group/name", "leverages-group/career"], incident.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("registered", incident.GetProperty("timeline")[0].GetProperty("kind").GetString());
        var fetched = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}", Ct);
        Assert.Equal(incident.GetProperty("number").GetInt32(), fetched.GetProperty("number").GetInt32());
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.IncidentRegistered && e.Subject == id.ToString(), Ct);
        Assert.Equal("error", audit.Reason);
        Assert.DoesNotContain(await db.Set<AuditEvent>().Where(e => e.Subject == id.ToString()).ToListAsync(Ct),
            e => (e.Reason ?? "").Contains("CV", StringComparison.Ordinal) || (e.Items ?? "").Contains("CV", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("learnedAt")]
    [InlineData("cause")]
    [InlineData("learnedBy")]
    [InlineData("items")]
    public async Task Bad_input_is_a_422_naming_the_field_and_registers_nothing(string field)
    {
        var client = await OfficeAsync();
        var by = await StaffAsync();
        var body = new Dictionary<string, object?>
        {
            ["learnedAt"] = "2026-12-01T10:00:00Z", ["learnedBy"] = by.ToString(), ["summary"] = "Laptop left on a train", ["cause"] = "loss-or-theft", ["items"] = new[] { "name" },
        };
        body[field] = field switch
        {
            "learnedAt" => null,
            "cause" => "hacked",
            "learnedBy" => Guid.NewGuid().ToString(),
            _ => new[] { "name", "blood-type" },
        };
        var before = (await client.GetFromJsonAsync<JsonElement>($"{Api}?all=true", Ct)).GetArrayLength();

        var problem = await (await client.PostAsJsonAsync(Api, body, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.Field());
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>($"{Api}?all=true", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task A_recruiter_cannot_read_incidents_nor_can_a_token_without_the_permission()
    {
        var (recruiter, _) = await SafetyHost.SignInAsync(app, "recruiter", "127.0.0.1");
        var token = await app.ClientWithPermissionsAsync(["persons.read"]);
        var reader = await app.ClientWithPermissionsAsync(["incidents.read"]);

        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync(Api, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync($"{Api}/deadlines", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Api, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync(Api, await BodyAsync(), Ct)).StatusCode);
    }

    [Fact]
    public async Task Closing_with_a_report_due_is_refused_and_allowed_once_the_final_report_is_recorded()
    {
        var client = await OfficeAsync();
        var id = (await RegisterAsync(client, await BodyAsync("unauthorized-access", persons: 1))).GetProperty("id").GetGuid();

        var refused = await (await client.PutAsJsonAsync($"{Api}/{id}/status", new { status = "closed" }, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("incident.report-due", refused.Code());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{Api}/{id}/status", new { status = "reported-final" }, Ct)).StatusCode);
        var closed = await (await client.PutAsJsonAsync($"{Api}/{id}/status", new { status = "closed" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(["registered", "status", "status"], closed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(0, closed.GetProperty("openDeadlines").GetArrayLength());
    }

    [Fact]
    public async Task The_assessment_shows_its_reasoning_and_an_override_needs_a_reason()
    {
        var client = await OfficeAsync();
        var id = (await RegisterAsync(client, await BodyAsync(persons: 1001))).GetProperty("id").GetGuid();
        var view = await client.GetFromJsonAsync<JsonElement>($"{Api}/{id}", Ct);
        Assert.Equal("reportable", view.GetProperty("assessment").GetProperty("decision").GetString());
        Assert.Contains(view.GetProperty("assessment").GetProperty("reasoning").EnumerateArray(), l => l.GetString()!.Contains("more than 1000", StringComparison.Ordinal));

        var noReason = await (await client.PutAsJsonAsync($"{Api}/{id}/assessment", new { reportable = false }, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var overridden = await (await client.PutAsJsonAsync($"{Api}/{id}/assessment", new { reportable = false, reason = "Duplicate rows: 640 distinct persons" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("reason", noReason.Field());
        Assert.Equal(("reportable", "not-reportable", true), (
            overridden.GetProperty("assessment").GetProperty("computed").GetString(),
            overridden.GetProperty("assessment").GetProperty("decision").GetString(),
            overridden.GetProperty("assessment").GetProperty("overridden").GetBoolean()));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        Assert.Equal("not-reportable", (await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.IncidentAssessmentOverridden && e.Subject == id.ToString(), Ct)).Reason);
    }

    [Fact]
    public async Task An_uploaded_list_of_persons_is_checked_against_the_register_and_sets_the_count()
    {
        var client = await OfficeAsync();
        var id = (await RegisterAsync(client, await BodyAsync())).GetProperty("id").GetGuid();
        var person = await SafetyHost.RegisterAsync(app);

        var unknown = await (await client.PutAsJsonAsync($"{Api}/{id}/persons", new { personIds = new[] { person.ToString(), Guid.NewGuid().ToString() } }, Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var set = await (await client.PutAsJsonAsync($"{Api}/{id}/persons", new { personIds = new[] { person.ToString(), person.ToString() } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("personIds", unknown.Field());
        Assert.Equal((1, 1), (set.GetProperty("affectedCount").GetInt32(), set.GetProperty("personsListed").GetInt32()));
        Assert.Equal([person], await client.GetFromJsonAsync<Guid[]>($"{Api}/{id}/persons", Ct) ?? []);
    }

    [Fact]
    public async Task Containment_revokes_a_token_and_suspends_a_company_each_linked_in_the_timeline()
    {
        var client = await OfficeAsync();
        var id = (await RegisterAsync(client, await BodyAsync("unauthorized-access"))).GetProperty("id").GetGuid();
        var leaked = (await app.Service<ApiTokens>().CreateAsync(Actor.System, "leaked", ["persons.read"], [], Ct)).Value.Token.Id;
        var company = (await app.Service<ClientCompanyRegistry>().RegisterAsync(Actor.System, "Leaky KK", "IT", "JP", Ct)).Value!.Id;

        var badStep = await (await client.PostAsJsonAsync($"{Api}/{id}/containment", new { step = "unplug", subject = leaked.ToString() }, Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{Api}/{id}/containment", new { step = "revoke-token", subject = leaked.ToString() }, Ct)).StatusCode);
        var view = await (await client.PostAsJsonAsync($"{Api}/{id}/containment", new { step = "suspend-company", subject = company.ToString() }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("step", badStep.Field());
        var kinds = view.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("detail").GetString())).ToList();
        Assert.Contains(("containment:revoke-token", leaked.ToString()), kinds);
        Assert.Contains(("containment:suspend-company", company.ToString()), kinds);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        Assert.NotNull((await db.Set<ApiToken>().SingleAsync(t => t.Id == leaked, Ct)).RevokedAt);
        Assert.NotNull((await db.Set<ClientCompany>().SingleAsync(c => c.Id == company, Ct)).SuspendedAt);
        Assert.Equal(2, await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.IncidentContained && e.Subject == id.ToString(), Ct));
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventType.ClientCompanySuspended && e.Subject == company.ToString(), Ct));
    }

    [Fact]
    public async Task The_deadline_dates_follow_the_guideline_and_open_deadlines_are_listed()
    {
        var client = await OfficeAsync();
        var dates = await client.GetFromJsonAsync<JsonElement>($"{Api}/deadline-dates?learned=2026-11-30&cause=error", Ct);
        var bad = await (await client.GetAsync($"{Api}/deadline-dates?learned=2026-11-30&cause=hacked", Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var id = (await RegisterAsync(client, await BodyAsync("web-skimming"))).GetProperty("id").GetGuid();

        var open = await client.GetFromJsonAsync<JsonElement>($"{Api}/deadlines", Ct);

        Assert.Equal(("2026-12-04", "2027-01-04"), (dates.GetProperty("preliminary").GetString(), dates.GetProperty("final").GetString()));
        Assert.Equal("cause", bad.Field());
        // Learned 1 Dec 2026 (Tokyo): day 5 is 5 Dec; day 60 is Friday 29 Jan 2027.
        Assert.Contains(open.EnumerateArray(), d => d.GetProperty("incidentId").GetGuid() == id && d.GetProperty("report").GetString() == "preliminary" && d.GetProperty("due").GetString() == "2026-12-05");
        Assert.Contains(open.EnumerateArray(), d => d.GetProperty("incidentId").GetGuid() == id && d.GetProperty("report").GetString() == "final" && d.GetProperty("due").GetString() == "2027-01-29");
    }

    [Fact]
    public async Task A_detection_finding_opens_one_suspected_incident_however_often_it_is_sent()
    {
        var client = await OfficeAsync();
        var staff = await StaffAsync("recruiter");
        var finding = new { kind = "bulk-read", staffId = staff.ToString(), from = "2026-12-01T01:00:00Z", to = "2026-12-01T01:10:00Z", count = 250 };

        var first = await (await client.PostAsJsonAsync($"{Api}/detections", finding, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var second = await (await client.PostAsJsonAsync($"{Api}/detections", finding, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var backwards = await (await client.PostAsJsonAsync($"{Api}/detections", finding with { to = "2026-11-30T00:00:00Z" }, Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.Equal(("suspected", "wrongful-purpose"), (first.GetProperty("status").GetString(), first.GetProperty("cause").GetString()));
        Assert.Equal("to", backwards.Field());
    }
}

public sealed class SqliteIncidentApiTests(SafetySqliteApp app) : IncidentApiTests(app), IClassFixture<SafetySqliteApp>;

public sealed class PostgresIncidentApiTests(SafetyPostgresApp app) : IncidentApiTests(app), IClassFixture<SafetyPostgresApp>;
