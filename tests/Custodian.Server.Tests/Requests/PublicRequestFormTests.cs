using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

public sealed partial class PublicRequestFormTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<string> PostAsync(string path, string formName, Dictionary<string, string> fields)
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync(path);
        var form = fields.ToDictionary(kv => $"Input.{kv.Key}", kv => kv.Value);
        form["_handler"] = formName;
        form["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return await (await client.PostAsync(path, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
    }

    private Task<string> SubmitAsync(string email) => PostAsync("/privacy/requests/new?lang=en", "privacy-request", new()
    {
        ["Type"] = "disclosure", ["Requester"] = "person", ["Language"] = "en",
        ["PersonName"] = "María López", ["Email"] = email, ["MailingAddress"] = "Av. Constituyentes 100",
    });

    private static string Reference(string page) => ReferenceShown().Match(page).Groups[1].Value;

    private static string Secret(string page) => SecretShown().Match(page).Groups[1].Value;

    // The page with the codes blanked: what is left is the shape a stranger could compare.
    private static string Shape(string page) => SecretShown().Replace(ReferenceShown().Replace(page, "R"), "S");

    [Fact]
    public async Task A_registered_and_an_unknown_address_get_the_same_confirmation()
    {
        var email = $"known-{Guid.NewGuid():N}@example.com";
        await RequestFlow.RegisterAsync(await app.ClientWithTokenAsync(), email);

        var known = await SubmitAsync(email);
        var unknown = await SubmitAsync($"unknown-{Guid.NewGuid():N}@example.com");

        Assert.Matches(@"R-\w{4}-\w{4}", Reference(known));
        Assert.Equal(Shape(known), Shape(unknown));
    }

    [Fact]
    public async Task A_second_request_for_a_known_address_is_recorded_without_showing_the_open_one()
    {
        var email = $"twice-{Guid.NewGuid():N}@example.com";
        await RequestFlow.RegisterAsync(await app.ClientWithTokenAsync(), email);
        var first = Reference(await SubmitAsync(email));

        var second = await SubmitAsync(email);

        Assert.DoesNotContain(first, second, StringComparison.Ordinal);
        Assert.NotEqual(first, Reference(second));
        Assert.NotEmpty(Reference(second));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var open = await db.Set<DataRequest>().SingleAsync(r => r.Reference == first, TestContext.Current.CancellationToken);
        Assert.Equal(1, open.LinkedRequests);
    }

    [Fact]
    public async Task Five_wrong_secrets_lock_the_reference_even_against_the_right_secret_and_are_audited_by_id()
    {
        var receipt = await SubmitAsync($"status-{Guid.NewGuid():N}@example.com");
        var (reference, secret) = (Reference(receipt), Secret(receipt));

        for (var i = 0; i < StatusSecretGuard.MaxWrongSecrets; i++)
        {
            Assert.DoesNotContain("data-state", await OpenStatusAsync(reference, "wrong-secret-" + i), StringComparison.Ordinal);
        }

        var locked = await OpenStatusAsync(reference, secret);
        Assert.DoesNotContain("data-state", locked, StringComparison.Ordinal);
        var wrong = await OpenStatusAsync("R-AAAA-AAAA", "anything");
        Assert.Equal(Problem(wrong), Problem(locked));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var request = await db.Set<DataRequest>().SingleAsync(r => r.Reference == reference, TestContext.Current.CancellationToken);
        var events = await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.RequestStatusLocked).ToListAsync(TestContext.Current.CancellationToken);
        var lockEvent = Assert.Single(events, e => e.Subject == request.Id.ToString());
        Assert.DoesNotContain(reference, lockEvent.Reason ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_secret_opens_the_status_after_fewer_than_five_wrong_ones()
    {
        var receipt = await SubmitAsync($"status-{Guid.NewGuid():N}@example.com");

        await OpenStatusAsync(Reference(receipt), "wrong");

        Assert.Contains("data-state", await OpenStatusAsync(Reference(receipt), Secret(receipt)), StringComparison.Ordinal);
    }

    private Task<string> OpenStatusAsync(string reference, string secret) =>
        PostAsync("/privacy/requests/status?lang=en", "request-status", new() { ["Reference"] = reference, ["Secret"] = secret });

    private static string Problem(string page) => ProblemShown().Match(page).Value;

    [Fact]
    public async Task The_group_service_shows_its_own_request_types_and_how_the_requester_is_confirmed_without_documents()
    {
        var page = await app.CreateClient().GetStringAsync("/privacy/requests/new?lang=en&service=leverages-group");

        Assert.Contains("cease the provision to the Third Party", page, StringComparison.Ordinal);
        Assert.Contains("a reply from the e-mail address held", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Passport", page, StringComparison.Ordinal);
        Assert.Contains("value=\"leverages-group\" selected", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_under_the_group_service_is_recorded_under_the_group_policy()
    {
        var page = await PostAsync("/privacy/requests/new?lang=en&service=leverages-group", "privacy-request", new()
        {
            ["Service"] = "leverages-group", ["Type"] = "discontinuation-of-third-party-provision", ["Requester"] = "person", ["Language"] = "en",
            ["PersonName"] = "Haruka Sato", ["Email"] = $"group-{Guid.NewGuid():N}@example.com", ["MailingAddress"] = "Shibuya 1-1-1",
        });

        var reference = Reference(page);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var request = await db.Set<DataRequest>().SingleAsync(r => r.Reference == reference, TestContext.Current.CancellationToken);
        Assert.Equal(("leverages-group", "discontinuation-of-third-party-provision"), (request.PolicyId, request.Type));
    }

    [Fact]
    public async Task A_service_that_is_not_loaded_is_refused_naming_the_field()
    {
        var shown = await app.CreateClient().GetAsync("/privacy/requests/new?lang=en&service=no-such-policy");
        var posted = await PostAsync("/privacy/requests/new?lang=en", "privacy-request", new()
        {
            ["Service"] = "no-such-policy", ["Type"] = "disclosure", ["Requester"] = "person", ["Language"] = "en",
            ["PersonName"] = "María López", ["Email"] = "maria@example.com", ["MailingAddress"] = "Av. Constituyentes 100",
        });

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, shown.StatusCode);
        Assert.Contains("data-code=\"policy.unknown\"", posted, StringComparison.Ordinal);
        Assert.Empty(Reference(posted));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<dd id=\"reference\">([^<]*)</dd>")]
    private static partial Regex ReferenceShown();

    [GeneratedRegex("<dd id=\"secret\">([^<]*)</dd>")]
    private static partial Regex SecretShown();

    [GeneratedRegex("<(p|div)[^>]*class=\"[^\"]*error[^\"]*\"[^>]*>.*?</(p|div)>", RegexOptions.Singleline)]
    private static partial Regex ProblemShown();
}
