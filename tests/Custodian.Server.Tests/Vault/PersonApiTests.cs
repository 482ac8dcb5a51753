using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

public abstract class PersonApiTests(CustodianApp app)
{
    private async Task<(HttpClient Client, Guid Id)> RegisterAsync(string email, params string[] consents)
    {
        var client = await app.ClientWithTokenAsync();
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(email, consents));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (client, id);
    }

    private async Task<List<AuditEvent>> EventsAboutAsync(Guid personId)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync();
    }

    [Fact]
    public async Task Registered_person_is_read_for_a_declared_purpose_with_only_its_items()
    {
        var (client, id) = await RegisterAsync($"read-{Guid.NewGuid():N}@example.com");

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}?purpose=service.apply");

        var items = view.GetProperty("items");
        Assert.Equal("María López", items.GetProperty("name").GetString());
        Assert.Equal("service.apply", view.GetProperty("purpose").GetString());
        var events = await EventsAboutAsync(id);
        Assert.Contains(events, e => e.Type == AuditEventType.PersonRegistered);
        var read = Assert.Single(events, e => e.Type == AuditEventType.PersonRead);
        Assert.Equal(AuditOutcome.Allowed, read.Outcome);
        Assert.Equal("service.apply", read.Purpose);
        Assert.DoesNotContain("López", read.Items ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_for_an_unknown_purpose_is_refused_and_audited()
    {
        var (client, id) = await RegisterAsync($"purpose-{Guid.NewGuid():N}@example.com");

        var response = await client.GetAsync($"/api/v1/persons/{id}?purpose=selling-lists");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("purpose", problem.Field());
        Assert.Equal("purpose.unknown", problem.Code());
        var refused = Assert.Single(await EventsAboutAsync(id), e => e.Type == AuditEventType.PersonRead);
        Assert.Equal(AuditOutcome.Refused, refused.Outcome);
        Assert.Equal("purpose.unknown", refused.Reason);
    }

    [Fact]
    public async Task Read_without_a_purpose_names_the_missing_field()
    {
        var (client, id) = await RegisterAsync($"nopurpose-{Guid.NewGuid():N}@example.com");

        var problem = await (await client.GetAsync($"/api/v1/persons/{id}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("purpose", problem.Field());
    }

    [Fact]
    public async Task Erased_person_cannot_be_read_and_the_refusal_is_audited()
    {
        var (client, id) = await RegisterAsync($"erase-{Guid.NewGuid():N}@example.com");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/persons/{id}")).StatusCode);
        var problem = await (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Gone);

        Assert.Equal("person.erased", problem.Code());
        var events = await EventsAboutAsync(id);
        Assert.Contains(events, e => e.Type == AuditEventType.PersonErased);
        Assert.Contains(events, e => e.Type == AuditEventType.PersonRead && e.Outcome == AuditOutcome.Refused && e.Reason == "person.erased");
    }

    [Fact]
    public async Task Person_is_found_by_exact_email_and_telephone_through_the_blind_index()
    {
        var email = $"Find-{Guid.NewGuid():N}@Example.com";
        var (client, id) = await RegisterAsync(email.ToLowerInvariant());

        var byEmail = await client.PostAsJsonAsync("/api/v1/persons/search", new { email = " " + email, purpose = "service.answer-inquiries" });
        var none = await client.PostAsJsonAsync("/api/v1/persons/search", new { email = "nobody@example.com", purpose = "service.answer-inquiries" });

        Assert.Contains(id, (await byEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("persons").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Empty((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("persons").EnumerateArray());
    }

    [Fact]
    public async Task Correction_and_addition_change_the_sealed_items()
    {
        var (client, id) = await RegisterAsync($"correct-{Guid.NewGuid():N}@example.com");

        var response = await client.PatchAsJsonAsync($"/api/v1/persons/{id}/items", new { items = new Dictionary<string, string> { ["career"] = "Head nurse", ["place-of-work"] = "Hospital Ángeles" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}?purpose=service.apply");
        Assert.Equal("Head nurse", view.GetProperty("items").GetProperty("career").GetString());
        var events = await EventsAboutAsync(id);
        Assert.Contains(events, e => e.Type == AuditEventType.PersonCorrected && e.Items == "career");
        Assert.Contains(events, e => e.Type == AuditEventType.ItemsAdded && e.Items == "place-of-work");
    }

    [Fact]
    public async Task Purpose_that_needs_consent_is_refused_without_it_and_allowed_with_it()
    {
        var (client, without) = await RegisterAsync($"noconsent-{Guid.NewGuid():N}@example.com");
        var (_, with) = await RegisterAsync($"consent-{Guid.NewGuid():N}@example.com", "service.guides");

        var refused = await (await client.GetAsync($"/api/v1/persons/{without}?purpose=service.guides")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var allowed = await client.GetAsync($"/api/v1/persons/{with}?purpose=service.guides");

        Assert.Equal("consent.missing", refused.Code());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Token_entrusted_with_some_purposes_is_refused_others()
    {
        var (_, id) = await RegisterAsync($"scoped-{Guid.NewGuid():N}@example.com");
        var scoped = await app.ClientWithTokenAsync("service.answer-inquiries");

        var problem = await (await scoped.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("actor.purpose-not-allowed", problem.Code());
    }

    [Fact]
    public async Task Requests_without_a_token_are_unauthorized()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "cst_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/persons", Candidates.Registration())).StatusCode);
    }

    [Fact]
    public async Task Unknown_person_is_not_found()
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.GetAsync($"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("person.unknown", problem.Code());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/persons/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class PersonApiTests_Sqlite(SqliteApp app) : PersonApiTests(app), IClassFixture<SqliteApp>;

public sealed class PersonApiTests_Postgres(PostgresApp app) : PersonApiTests(app), IClassFixture<PostgresApp>;
