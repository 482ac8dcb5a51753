using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;

namespace Custodian.Server.Tests.Incidents;

/// <summary>Who is affected (from the audit log, or an uploaded list) and the report drafts, through the API on both databases.</summary>
public abstract class AffectedAndReportApiTests(CustodianApp app)
{
    private const string Api = "/api/v1/incidents";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> OfficeAsync() => app.ClientWithPermissionsAsync(["incidents.read", "incidents.manage"]);

    private string Day(int offset) => app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<Guid> IncidentAsync(HttpClient office)
    {
        var by = (await app.Service<StaffAccounts>().CreateAsync(Actor.System, "inc." + Guid.NewGuid().ToString("N")[..10], SafetyHost.Password, "privacy-officer")).Value!.Id;
        var response = await office.PostAsJsonAsync(Api, new
        {
            learnedAt = "2026-12-01T10:00:00+09:00", learnedBy = by.ToString(), summary = "A service token's secret was found in a public repository",
            cause = "unauthorized-access", items = new[] { "name", "email" },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_persons_a_token_read_are_listed_with_their_items_and_can_be_set_as_the_incidents_persons()
    {
        var office = await OfficeAsync();
        var created = (await app.Service<ApiTokens>().CreateAsync(Actor.System, "leaky-sync", ["persons.read"], [], Ct)).Value;
        var leaky = app.CreateClient();
        leaky.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        var (read, untouched) = (await SafetyHost.RegisterAsync(app), await SafetyHost.RegisterAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await leaky.GetAsync($"/api/v1/persons/{read}?purpose=service.apply", Ct)).StatusCode);

        var list = await office.GetFromJsonAsync<JsonElement>($"{Api}/affected?actor=token:{created.Token.Id}&from={Day(-1)}&to={Day(2)}", Ct);
        var csv = await office.GetStringAsync($"{Api}/affected?actor=token:{created.Token.Id}&from={Day(-1)}&to={Day(2)}&format=csv", Ct);
        var uploaded = await office.PostAsync($"{Api}/affected/person-list", new StringContent($"person_id\n{read}\n{untouched}\n", Encoding.UTF8, "text/csv"), Ct);

        var persons = list.GetProperty("persons").EnumerateArray().ToList();
        Assert.Equal([read], persons.Select(p => p.GetProperty("personId").GetGuid()));
        Assert.Contains("name", persons[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.StartsWith("person_id,items,first_at,last_at,events", csv, StringComparison.Ordinal);
        Assert.Contains(read.ToString(), csv, StringComparison.Ordinal);
        Assert.Equal(2, (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("actor=staff:00000000-0000-0000-0000-000000000001&from={0}&to={1}", "actor", "actor.unknown")]
    [InlineData("actor=robot:1&from={0}&to={1}", "actor", "actor.format")]
    [InlineData("actor={2}&from={1}&to={0}", "to", "window.order")]
    [InlineData("actor={2}&from=yesterday&to={1}", "from", "window.format")]
    [InlineData("actor={2}&to={1}", "from", "required")]
    public async Task A_bad_actor_or_window_is_a_422_naming_the_field(string query, string field, string code)
    {
        var office = await OfficeAsync();
        var staff = (await app.Service<StaffAccounts>().CreateAsync(Actor.System, "inc." + Guid.NewGuid().ToString("N")[..10], SafetyHost.Password, "recruiter")).Value!.Id;

        var problem = await (await office.GetAsync($"{Api}/affected?" + string.Format(CultureInfo.InvariantCulture, query, Day(-30), Day(0), "staff:" + staff), Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal((field, code), (problem.Field(), problem.Code()));
    }

    [Fact]
    public async Task A_list_with_an_id_no_person_has_is_refused_naming_the_line()
    {
        var office = await OfficeAsync();
        var person = await SafetyHost.RegisterAsync(app);

        var problem = await (await office.PostAsync($"{Api}/affected/person-list", new StringContent($"{person}\nnot-an-id\n{Guid.NewGuid()}\n", Encoding.UTF8, "text/plain"), Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("file", "person-list.invalid"), (problem.Field(), problem.Code()));
        Assert.Contains("line 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preliminary", "ja")]
    [InlineData("final", "es")]
    public async Task A_report_draft_has_the_nine_items_as_json_and_is_a_pdf_as_pdf(string stage, string language)
    {
        var office = await OfficeAsync();
        var id = await IncidentAsync(office);

        var json = await office.GetFromJsonAsync<JsonElement>($"{Api}/{id}/report?stage={stage}&language={language}&format=json", Ct);
        var pdf = await office.GetAsync($"{Api}/{id}/report?stage={stage}&language={language}&format=pdf", Ct);

        Assert.Equal((stage, language), (json.GetProperty("stage").GetString(), json.GetProperty("language").GetString()));
        Assert.Equal(Enumerable.Range(1, 9), json.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("number").GetInt32()));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync(Ct))[..5]);
    }

    [Theory]
    [InlineData("stage=interim&language=ja&format=json", "stage")]
    [InlineData("stage=final&language=fr&format=json", "language")]
    [InlineData("stage=final&language=en&format=docx", "format")]
    [InlineData("language=en", "stage")]
    public async Task A_bad_stage_language_or_format_is_a_422_naming_the_field(string query, string field)
    {
        var office = await OfficeAsync();
        var id = await IncidentAsync(office);

        var problem = await (await office.GetAsync($"{Api}/{id}/report?{query}", Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.Field());
    }

    [Fact]
    public async Task A_draft_of_an_unknown_incident_is_not_found_and_a_token_without_incidents_read_is_refused()
    {
        var office = await OfficeAsync();
        var id = await IncidentAsync(office);
        var stranger = await app.ClientWithPermissionsAsync(["persons.read"]);

        await (await office.GetAsync($"{Api}/{Guid.NewGuid()}/report?stage=final&language=en", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{Api}/{id}/report?stage=final&language=en", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{Api}/affected?actor=staff:{Guid.NewGuid()}&from=2026-11-01&to=2026-12-01", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_gives_the_new_endpoints_their_permission_problems_and_an_example()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct)).RootElement.GetProperty("paths");

        foreach (var (path, method) in new[] { ($"{Api}/{{id}}/report", "get"), ($"{Api}/affected", "get"), ($"{Api}/affected/person-list", "post") })
        {
            var operation = document.GetProperty(path).GetProperty(method);
            Assert.Equal("incidents.read", operation.GetProperty("x-required-permission").GetString());
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("422", out var invalid), path);
            Assert.True(invalid.GetProperty("content").GetProperty("application/problem+json").TryGetProperty("example", out _), path);
            Assert.True(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), path);
        }

        Assert.True(document.GetProperty($"{Api}/{{id}}/report").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
    }
}

public sealed class SqliteAffectedAndReportApiTests(SafetySqliteApp app) : AffectedAndReportApiTests(app), IClassFixture<SafetySqliteApp>;

public sealed class PostgresAffectedAndReportApiTests(SafetyPostgresApp app) : AffectedAndReportApiTests(app), IClassFixture<SafetyPostgresApp>;
