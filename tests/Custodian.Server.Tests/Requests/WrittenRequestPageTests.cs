using System.Net;
using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

/// <summary>
/// Staff record a request received by letter for the person found by the e-mail they registered with (no id is
/// typed), and the request then reads in words of the page's language, not as ids.
/// </summary>
public abstract class WrittenRequestPageTests(CustodianApp app)
{
    private async Task<Guid> RegisterAsync(string email, string name)
    {
        var items = Candidates.Items(email);
        (items["name"], items["telephone"]) = (name, $"+52 442 {Random.Shared.Next(100, 999)} {Random.Shared.Next(1000, 9999)}");
        var registered = await app.Service<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", items));
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value;
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient staff, params (string, string)[] person) =>
        SafetyHost.FormAsync(staff, "/console/requests", "request-intake",
            [("Input.Type", "disclosure"), ("Input.Requester", "person"), ("Input.Language", "es"), ("Input.PersonName", "Written Requester"),
             ("Input.MailingAddress", "Calle 5 de Mayo 12, Querétaro"), .. person])
            .ContinueWith(t => staff.PostAsync("/console/requests?lang=es", t.Result)).Unwrap();

    private async Task<List<DataRequest>> RequestsOfAsync(params Guid[] persons)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<DataRequest>().Where(r => r.PersonId != null && persons.Contains(r.PersonId.Value)).ToListAsync();
    }

    [Fact]
    public async Task A_written_request_is_recorded_for_the_person_found_by_email_and_reads_in_words_on_their_page()
    {
        var email = $"letter.{Guid.NewGuid():N}@example.com";
        var person = await RegisterAsync(email, "Ana Letrado");
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var form = await staff.GetStringAsync("/console/requests");
        var recorded = await RecordAsync(staff, ("personEmail", email));

        Assert.Contains("id=\"person-email\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"personId\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var request = Assert.Single(await RequestsOfAsync(person));
        Assert.Equal(("staff", "disclosure"), (request.Channel, request.Type));
        Assert.EndsWith($"/console/requests/{request.Id}", recorded.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var page = await staff.GetStringAsync($"/console/persons/{person}?purpose=service.apply&lang=es");
        Assert.Contains("data-type=\"disclosure\">divulgación<", page, StringComparison.Ordinal);
        var state = Regex.Match(page, "<td data-state=\"([a-z-]+)\">([^<]+)<");
        Assert.True(state.Success);
        Assert.NotEqual(state.Groups[1].Value, state.Groups[2].Value);

        // The request's own page reads in the console's language too.
        var detail = await staff.GetStringAsync($"/console/requests/{request.Id}?lang=ja");
        Assert.Contains("<h2>手続</h2>", detail, StringComparison.Ordinal);
        Assert.Contains("請求者が提出した内容", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Deadline clock", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namesakes_must_be_chosen_by_name_and_an_id_the_email_does_not_name_records_nothing()
    {
        var email = $"namesake.{Guid.NewGuid():N}@example.com";
        var first = await RegisterAsync(email, "Inés Carrasco");
        var second = await RegisterAsync(email, "Inés Carrasco Vidal");
        var stranger = await RegisterAsync($"stranger.{Guid.NewGuid():N}@example.com", "Tomás Vidal");
        var (staff, _) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var choice = await (await RecordAsync(staff, ("personEmail", email))).Content.ReadAsStringAsync();
        var slipped = await RecordAsync(staff, ("personEmail", email), ("personId", stranger.ToString()));
        var chosen = await RecordAsync(staff, ("personEmail", email), ("personId", second.ToString()));

        Assert.Contains("Inés Carrasco Vidal", choice, StringComparison.Ordinal);
        Assert.Contains("name=\"personId\"", choice, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.InternalServerError, slipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var recorded = await RequestsOfAsync(first, second, stranger);
        Assert.Equal(second, Assert.Single(recorded).PersonId);
    }
}

public sealed class WrittenRequestPageTests_Sqlite(SafetySqliteApp app) : WrittenRequestPageTests(app), IClassFixture<SafetySqliteApp>;

public sealed class WrittenRequestPageTests_Postgres(SafetyPostgresApp app) : WrittenRequestPageTests(app), IClassFixture<SafetyPostgresApp>;
