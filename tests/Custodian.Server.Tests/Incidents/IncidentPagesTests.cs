using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;

namespace Custodian.Server.Tests.Incidents;

/// <summary>The incident pages: registering from the list lands on the incident's page, with names rather than ids.</summary>
public abstract class IncidentPagesTests(CustodianApp app)
{
    private static int _peers;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A peer of its own per sign-in: the sign-in limit counts per address.
    private static string Peer() => $"198.19.{Interlocked.Increment(ref _peers) / 250}.{_peers % 250 + 1}";

    /// <summary>What a reader sees: the page without its tags (attribute values are not shown).</summary>
    private static string Shown(string html) => Regex.Replace(html, "<[^>]*>", " ");

    [Fact]
    public async Task A_privacy_officer_registers_an_incident_and_sees_its_deadlines_reasoning_and_timeline()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", Peer());

        var response = await officer.Client.PostAsync("/console/incidents", await SafetyHost.FormAsync(officer.Client, "/console/incidents", "register-incident",
            ("learnedAt", "2026-12-01T09:30"), ("learnedHow", "Web server alert"), ("summary", "A skimming script on the entry form"),
            ("cause", "web-skimming"), ("policies", "leverages-group"), ("items", "name, email")), Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-assessment=\"reportable\"", page, StringComparison.Ordinal);
        Assert.Contains("Art. 7(iii)", page, StringComparison.Ordinal);
        Assert.Contains("Final report (確報) due 2027-01-29", page, StringComparison.Ordinal);
        Assert.Contains("Name, E-mail address", page, StringComparison.Ordinal);
        Assert.Contains($"by {officer.UserName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(officer.Id.ToString(), Shown(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_incident_page_lists_who_a_token_reached_by_name_sets_them_as_the_persons_and_links_every_draft()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", Peer());
        var created = (await app.Service<ApiTokens>().CreateAsync(Actor.System, "leaky-sync", ["persons.read"], [], Ct)).Value;
        var leaky = app.CreateClient();
        leaky.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        var person = await SafetyHost.RegisterAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await leaky.GetAsync($"/api/v1/persons/{person}?purpose=service.apply", Ct)).StatusCode);
        var id = await IncidentAsync(officer);
        var page = $"/console/incidents/{id}";
        var now = TimeZoneInfo.ConvertTimeFromUtc(app.Service<TimeProvider>().GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        string Local(int days) => now.AddDays(days).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var backwards = await (await officer.Client.PostAsync(page, await SafetyHost.FormAsync(officer.Client, page, "affected",
            ("actor", $"token:{created.Token.Id}"), ("from", Local(1)), ("to", Local(-1)), ("do", "find")), Ct)).Content.ReadAsStringAsync(Ct);
        var set = await (await officer.Client.PostAsync(page, await SafetyHost.FormAsync(officer.Client, page, "affected",
            ("actor", $"token:{created.Token.Id}"), ("from", Local(-1)), ("to", Local(1)), ("purpose", "service.apply"), ("do", "set")), Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("id=\"to-error\" data-code=\"window.order\"", backwards, StringComparison.Ordinal);
        Assert.Contains("data-affected-count=\"1\"", set, StringComparison.Ordinal);
        Assert.Contains("<td>María López</td>", set, StringComparison.Ordinal);
        Assert.Contains("1 person set as the incident&#x27;s persons.", set, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ToString(), Shown(set), StringComparison.Ordinal);
        Assert.Equal([person], await app.Service<IncidentRegister>().PersonsAsync(id, Ct));
        foreach (var draft in new[] { "preliminary-ja-pdf", "final-es-json", "final-en-pdf" })
        {
            var href = WebUtility.HtmlDecode(Regex.Match(set, $"href=\"([^\"]+)\" download[^>]*data-draft=\"{draft}\"").Groups[1].Value);
            var response = await officer.Client.GetAsync("/" + href, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href}: {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.Equal(draft.EndsWith("pdf", StringComparison.Ordinal) ? "application/pdf" : "application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_uploaded_list_of_person_ids_sets_the_persons_and_a_bad_line_is_named_next_to_the_file_field()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", Peer());
        var (first, second) = (await SafetyHost.RegisterAsync(app), await SafetyHost.RegisterAsync(app));
        var id = await IncidentAsync(officer);

        var bad = await UploadAsync(officer.Client, id, $"{first}\nnot-an-id\n");
        var good = await UploadAsync(officer.Client, id, $"person_id,items\n{first},name\n{second},email\n");

        Assert.Contains("id=\"file-error\" data-code=\"person-list.invalid\"", bad, StringComparison.Ordinal);
        Assert.Contains("line 2: not a person id", bad, StringComparison.Ordinal);
        Assert.Contains("2 persons set as the incident&#x27;s persons from the list.", good, StringComparison.Ordinal);
        Assert.Equal(new[] { first, second }.Order(), (await app.Service<IncidentRegister>().PersonsAsync(id, Ct)).Order());
    }

    [Fact]
    public async Task Closing_with_a_report_due_is_refused_on_the_page_and_an_unknown_actor_is_named_beside_its_field()
    {
        var officer = await SafetyHost.SignInNewAsync(app, "privacy-officer", Peer());
        var id = await IncidentAsync(officer);
        var page = $"/console/incidents/{id}";

        var close = await (await officer.Client.PostAsync(page, await SafetyHost.FormAsync(officer.Client, page, "status", ("status", "closed")), Ct)).Content.ReadAsStringAsync(Ct);
        var unknown = await (await officer.Client.PostAsync(page, await SafetyHost.FormAsync(officer.Client, page, "affected",
            ("actorId", $"staff:{Guid.NewGuid()}"), ("from", "2026-11-01T00:00"), ("to", "2026-12-01T00:00"), ("do", "find")), Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("class=\"error\" role=\"alert\"", close, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Suspected, (await app.Service<IncidentRegister>().GetAsync(id, Ct)).Value!.Incident.Status);
        Assert.Contains("id=\"actor-error\" data-code=\"actor.unknown\"", unknown, StringComparison.Ordinal);
    }

    private async Task<string> UploadAsync(HttpClient client, Guid incident, string list)
    {
        var page = $"/console/incidents/{incident}";
        var html = await client.GetStringAsync(page, Ct);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("person-list"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(list)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "persons.csv" },
        };
        return await (await client.PostAsync(page, form, Ct)).Content.ReadAsStringAsync(Ct);
    }

    private async Task<Guid> IncidentAsync(SignedIn officer)
    {
        var registered = await app.Service<IncidentRegister>().RegisterAsync(new Actor(ActorKind.Staff, officer.Id, "privacy-officer"), new IncidentInput(
            LearnedAt: app.Service<TimeProvider>().GetUtcNow().AddHours(-2), LearnedBy: officer.Id, Summary: "A sync token's secret was published",
            Cause: "unauthorized-access", Items: ["name", "email"]), cancellationToken: Ct);
        return registered.Value!.Incident.Id;
    }

    [Fact]
    public async Task A_recruiter_is_refused_the_incident_pages()
    {
        var (recruiter, _) = await SafetyHost.SignInAsync(app, "recruiter", "127.0.0.1");

        var response = await recruiter.GetAsync("/console/incidents", Ct);

        // Refused, or sent elsewhere: either way the page's content is not served.
        Assert.True(response.StatusCode != HttpStatusCode.OK || response.RequestMessage!.RequestUri!.AbsolutePath != "/console/incidents");
        Assert.DoesNotContain("Open report deadlines", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteIncidentPagesTests(SafetySqliteApp app) : IncidentPagesTests(app), IClassFixture<SafetySqliteApp>;

public sealed class PostgresIncidentPagesTests(SafetyPostgresApp app) : IncidentPagesTests(app), IClassFixture<SafetyPostgresApp>;
