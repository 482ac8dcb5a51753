using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Provision;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

/// <summary>
/// Requests under the group policy (no identity documents: verified by a recorded method), the stop of provision by
/// request doing what the stops endpoint does, and suspension of use by purpose, lifted again.
/// </summary>
public abstract class GroupRequestTests(CustodianApp app)
{
    private const string Group = "leverages-group";

    private static async Task<Guid> GroupPersonAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/persons", new
        {
            channel = "contact",
            policyId = Group,
            items = new Dictionary<string, string?> { ["name"] = "Haruka Sato", ["email"] = $"g-{Guid.NewGuid():N}@example.com", ["inquiry"] = "About my application" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static object GroupBody(Guid personId, string type, string? policyId = Group) => new
    {
        type,
        requester = "person",
        language = "ja",
        personId,
        policyId,
        form = new { personName = "Haruka Sato", mailingAddress = "東京都渋谷区1-1-1" },
    };

    [Fact]
    public async Task A_request_naming_a_policy_that_is_not_loaded_is_a_422_naming_the_field()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);

        var unknown = await (await client.PostAsJsonAsync("/api/v1/requests", GroupBody(personId, "disclosure", "no-such-policy")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var another = await (await client.PostAsJsonAsync("/api/v1/requests", GroupBody(personId, "disclosure")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("policyId", "policy.unknown"), (unknown.Field(), unknown.Code()));
        // The person's data is held under the Mexico policy: a request about it is made under that one.
        Assert.Equal(("policyId", "request.policy-mismatch"), (another.Field(), another.Code()));
    }

    [Fact]
    public async Task A_group_request_is_verified_by_a_recorded_method_and_the_cessation_of_provision_is_carried_out()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await GroupPersonAsync(client);
        var requestId = (await RequestFlow.SubmitAsync(client, GroupBody(personId, "discontinuation-of-third-party-provision"))).GetProperty("id").GetGuid();

        var noMethod = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/verify", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var madeUp = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/verify", new { method = "passport" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("verified", await RequestFlow.StepAsync(client, requestId, "verify", new { method = "reply-from-email-held" }));
        await RequestFlow.StepAsync(client, requestId, "start");
        Assert.Equal("fulfilled", await RequestFlow.StepAsync(client, requestId, "fulfil"));

        Assert.Equal("method", noMethod.Field());
        Assert.Equal("method", madeUp.Field());
        Assert.Equal("reply-from-email-held", (await RequestFlow.DetailAsync(client, requestId)).GetProperty("verificationMethod").GetString());
        var stops = await client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/stops/{personId}");
        Assert.True(stops.GetProperty("provisionStopped").GetBoolean());
        var events = await EventsAsync(requestId.ToString());
        Assert.Single(events, e => e.Type == AuditEventType.RequestVerifiedByMethod && e.Items == "reply-from-email-held" && e.PersonId == personId);
        Assert.Single(events, e => e.Type == AuditEventType.ProvisionStopRequested && e.PersonId == personId);
        // No documents to wait for: the clock started with the request (the group policy names no number of days).
        Assert.Single(events, e => e.Type == AuditEventType.RequestClockStarted);
    }

    [Fact]
    public async Task A_policy_with_identity_documents_takes_no_other_method()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId))).GetProperty("id").GetGuid();

        var refused = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/verify", new { method = "reply-from-email-held" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("request.verification-method", refused.Code());
        Assert.Equal("awaiting-documents", (await RequestFlow.DetailAsync(client, requestId)).State());
    }

    [Fact]
    public async Task A_fulfilled_stop_request_withdraws_the_entries_tells_the_companies_and_withdraws_the_consent_like_the_stops_endpoint()
    {
        var h = await ProvisionHarness.StartAsync(app);
        var (person, first, second) = (await h.PersonAsync(), await h.CompanyAsync(), await h.CompanyAsync());
        await h.EnteredAsync(person, first);
        await h.EnteredAsync(person, second);
        var requestId = (await RequestFlow.SubmitAsync(h.Client, RequestFlow.Body(person, "discontinuation-of-third-party-provision"))).GetProperty("id").GetGuid();
        await RequestFlow.AcceptAsync(h.Client, requestId, await RequestFlow.UploadOkAsync(h.Client, requestId));
        await RequestFlow.StepAsync(h.Client, requestId, "verify");
        await RequestFlow.StepAsync(h.Client, requestId, "start");

        Assert.Equal("fulfilled", await RequestFlow.StepAsync(h.Client, requestId, "fulfil"));

        var stops = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/provision/stops/{person}", TestContext.Current.CancellationToken);
        Assert.True(stops.GetProperty("provisionStopped").GetBoolean());
        Assert.All(stops.GetProperty("entries").EnumerateArray(), e => Assert.Equal("withdrawn", e.GetProperty("state").GetString()));
        await using var db = await h.Db();
        Assert.Equal(2, await db.Set<CompanyNotice>().CountAsync(n => n.PersonId == person && n.Reason == "provision-stopped", TestContext.Current.CancellationToken));
        var events = await h.EventsAsync(person);
        Assert.Single(events, e => e.Type == AuditEventType.ProvisionStopRequested && e.Subject == requestId.ToString());
        Assert.Equal(2, events.Count(e => e.Type == AuditEventType.EntryWithdrawn && e.Reason == "provision-stopped"));
        Assert.Single(events, e => e.Type == AuditEventType.ConsentWithdrawn && e.Purpose == ProvisionHarness.Purpose);
        var entry = await (await h.EnterAsync(person, await h.CompanyAsync())).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("person.provision-stopped", entry.Code());
    }

    [Fact]
    public async Task Suspension_of_use_names_purposes_refuses_only_those_in_the_gate_and_is_lifted()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var suspensions = $"/api/v1/persons/{personId}/use-suspensions";

        var unknown = await (await client.PostAsJsonAsync(suspensions, new { purposes = new[] { "no.such-purpose" } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(suspensions, new { purposes = new[] { "service.apply" } })).StatusCode);
        var suspended = await (await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var other = await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.answer-inquiries");
        var state = await client.GetFromJsonAsync<JsonElement>(suspensions);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{suspensions}/lift", new { purposes = new[] { "service.apply" } })).StatusCode);
        var lifted = await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply");
        var again = await (await client.PostAsJsonAsync($"{suspensions}/lift", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(("purposes", "purpose.unknown"), (unknown.Field(), unknown.Code()));
        Assert.Equal("person.purpose-suspended", suspended.Code());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(["service.apply"], state.GetProperty("purposes").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal("person.use-not-suspended", again.Code());
        var events = await EventsOfAsync(personId);
        Assert.Single(events, e => e.Type == AuditEventType.UseSuspended && e.Items == "service.apply");
        Assert.Single(events, e => e.Type == AuditEventType.UseSuspensionLifted && e.Items == "service.apply");
    }

    [Fact]
    public async Task A_suspension_request_suspends_the_purposes_it_names_and_lifting_all_restores_every_use()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var body = new
        {
            type = "suspension-of-use", requester = "person", language = "en", personId,
            form = new { personName = "María López", mailingAddress = "Av. Constituyentes 100, Querétaro", purposes = new[] { "service.answer-inquiries" } },
        };
        var requestId = (await RequestFlow.SubmitAsync(client, body)).GetProperty("id").GetGuid();
        await RequestFlow.AcceptAsync(client, requestId, await RequestFlow.UploadOkAsync(client, requestId));
        await RequestFlow.StepAsync(client, requestId, "verify");
        await RequestFlow.StepAsync(client, requestId, "start");
        await RequestFlow.StepAsync(client, requestId, "fulfil");

        var suspended = await (await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.answer-inquiries")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var allowed = await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/persons/{personId}/use-suspensions/lift", new { })).StatusCode);
        var restored = await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.answer-inquiries");

        Assert.Equal("person.purpose-suspended", suspended.Code());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Single(await EventsAsync(requestId.ToString()), e => e.Type == AuditEventType.UseSuspended && e.Items == "service.answer-inquiries");
    }

    private async Task<List<AuditEvent>> EventsAsync(string subject)
    {
        await using var db = await app.Service<IDbContextFactory<Custodian.Storage.CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.Subject == subject).OrderBy(e => e.Seq).ToListAsync();
    }

    private async Task<List<AuditEvent>> EventsOfAsync(Guid personId)
    {
        await using var db = await app.Service<IDbContextFactory<Custodian.Storage.CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync();
    }
}

public sealed class GroupRequestTests_Sqlite(SqliteApp app) : GroupRequestTests(app), IClassFixture<SqliteApp>;

public sealed class GroupRequestTests_Postgres(PostgresApp app) : GroupRequestTests(app), IClassFixture<PostgresApp>;
