using System.Net;
using System.Net.Http.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Requests;

/// <summary>Each bad input gets a problem naming the field and rule, and leaves the request's state as it was.</summary>
public abstract class RequestBadInputTests(CustodianApp app)
{
    [Fact]
    public async Task Request_for_an_unknown_person_is_refused()
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.PostAsJsonAsync("/api/v1/requests", RequestFlow.Body(Guid.NewGuid()))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("personId", problem.Field());
        Assert.Equal("person.unknown", problem.Code());
    }

    [Theory]
    [InlineData("selling-lists", "person", "en", "type")]
    [InlineData("disclosure", "cousin", "en", "requester")]
    [InlineData("disclosure", "person", "fr", "language")]
    [InlineData("disclosure", "deputed-representative", "en", "representativeName")]
    public async Task Intake_names_the_bad_field(string type, string requester, string language, string field)
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var body = new { type, requester, language, personId, form = new { personName = "María López", mailingAddress = "Av. Constituyentes 100" } };

        var problem = await (await client.PostAsJsonAsync("/api/v1/requests", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.Field() == field || problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Second_request_of_a_type_while_one_is_open_is_linked_not_duplicated()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var first = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId))).GetProperty("id").GetGuid();

        var problem = await (await client.PostAsJsonAsync("/api/v1/requests", RequestFlow.Body(personId))).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("request.already-open", problem.Code());
        var detail = await RequestFlow.DetailAsync(client, first);
        Assert.Equal(1, detail.GetProperty("linkedRequests").GetInt32());
        Assert.Equal("awaiting-documents", detail.State());
    }

    [Theory]
    [InlineData("proxy", "representative", "kind", "document.not-in-checklist")]
    [InlineData("passport", "representative", "kind", "document.not-in-checklist")]
    [InlineData("passport", "someone", "holder", "document.holder")]
    public async Task Documents_that_do_not_match_the_requester_type_are_refused(string kind, string holder, string field, string code)
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();

        var problem = await (await RequestFlow.UploadAsync(client, requestId, kind, holder, RequestFlow.Pdf, "application/pdf")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.Field());
        Assert.Equal(code, problem.Code());
        Assert.Empty((await RequestFlow.DetailAsync(client, requestId)).GetProperty("status").GetProperty("documents").EnumerateArray());
    }

    [Fact]
    public async Task Deputed_representative_needs_a_proxy_and_their_own_identity_document()
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client), requester: "deputed-representative"))).GetProperty("id").GetGuid();
        await RequestFlow.UploadOkAsync(client, requestId);
        await RequestFlow.UploadOkAsync(client, requestId, "proxy", "representative");
        Assert.Equal(1, (await RequestFlow.DetailAsync(client, requestId)).GetProperty("status").GetProperty("missingDocuments").GetArrayLength());

        await RequestFlow.UploadOkAsync(client, requestId, "drivers-license", "representative");

        var status = (await RequestFlow.DetailAsync(client, requestId)).GetProperty("status");
        Assert.Equal(0, status.GetProperty("missingDocuments").GetArrayLength());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, status.GetProperty("dueOn").ValueKind);
    }

    [Theory]
    [InlineData("text/plain", "document.type")]
    [InlineData("image/png", "document.content-mismatch")]
    [InlineData("image/jpeg", "document.content-mismatch")]
    public async Task Upload_of_the_wrong_type_or_that_is_not_what_it_claims_is_refused(string contentType, string code)
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();

        var problem = await (await RequestFlow.UploadAsync(client, requestId, "passport", "person", RequestFlow.Pdf, contentType)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("file", problem.Field());
        Assert.Equal(code, problem.Code());
    }

    [Fact]
    public async Task Upload_too_large_or_empty_is_refused()
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();
        byte[] large = [.. RequestFlow.Png, .. new byte[950 * 1024]];

        var tooLarge = await (await RequestFlow.UploadAsync(client, requestId, "passport", "person", large, "image/png")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var empty = await (await RequestFlow.UploadAsync(client, requestId, "passport", "person", [], "image/png")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("document.size", tooLarge.Code());
        Assert.Equal("document.size", empty.Code());
    }

    [Theory]
    [InlineData("start")]
    [InlineData("fulfil")]
    [InlineData("close")]
    public async Task Transition_out_of_order_is_a_conflict_and_changes_nothing(string step)
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();

        var problem = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/{step}", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("request.transition", problem.Code());
        Assert.Equal("awaiting-documents", (await RequestFlow.DetailAsync(client, requestId)).State());
    }

    [Fact]
    public async Task Verification_before_the_documents_are_reviewed_is_refused()
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();
        var missing = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/verify", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await RequestFlow.UploadOkAsync(client, requestId);

        var unreviewed = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/verify", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("request.documents-missing", missing.Code());
        Assert.Equal("request.documents-unreviewed", unreviewed.Code());
        Assert.Equal("awaiting-documents", (await RequestFlow.DetailAsync(client, requestId)).State());
    }

    [Theory]
    [InlineData("1979-12-31")]
    [InlineData("2100-01-01")]
    [InlineData("tomorrow")]
    public async Task Due_query_outside_1980_to_2099_or_malformed_is_refused(string on)
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.GetAsync($"/api/v1/requests/due?on={on}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("on", problem.Field());
    }

    [Fact]
    public async Task Due_figures_count_overdue_requests()
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();
        await RequestFlow.UploadOkAsync(client, requestId);
        var due = (await RequestFlow.DetailAsync(client, requestId)).GetProperty("status").GetProperty("dueOn").GetString()!;
        var later = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var before = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/requests/due?on={due}");
        var after = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/requests/due?on={later}");

        Assert.True(before.GetProperty("atRisk").GetInt32() >= 1);
        Assert.True(after.GetProperty("overdue").GetInt32() >= 1);
    }
}

public sealed class RequestBadInputTests_Sqlite(SqliteApp app) : RequestBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class RequestBadInputTests_Postgres(PostgresApp app) : RequestBadInputTests(app), IClassFixture<PostgresApp>;
