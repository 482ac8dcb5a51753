using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Provision;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>/console/provision/campaign: the console's campaign export, through the same service, gate and audit as the API.</summary>
public abstract partial class ConsentCampaignPageTests(CustodianApp app)
{
    private const string Page = "/console/provision/campaign";
    private const string Download = "/console/provision/campaign/export";
    private const string Marketing = "service.marketing";

    [Fact]
    public async Task The_page_exports_exactly_the_persons_whose_consent_is_in_force_through_the_gate()
    {
        var ct = TestContext.Current.CancellationToken;
        var h = await ProvisionHarness.StartAsync(app);
        var (first, second) = (await RegisterAsync(h, "first", Marketing), await RegisterAsync(h, "second", Marketing));
        var (withdrawn, never, otherPurpose) = (await RegisterAsync(h, "withdrawn", Marketing), await RegisterAsync(h, "never"), await RegisterAsync(h, "guides", "service.guides"));
        var withdrawal = await h.Client.PostAsJsonAsync("/api/v1/consent", new { personId = withdrawn.Id, purpose = Marketing, given = false, policyVersion = ProvisionHarness.Version, evidence = new { channel = "privacy-centre" } }, ct);
        Assert.Equal(HttpStatusCode.Created, withdrawal.StatusCode);
        var (staff, staffId) = await SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var index = await staff.GetStringAsync("/console/provision", ct);
        var prepared = await PostChooseAsync(staff, Marketing);
        var csv = await staff.PostAsync(Download, Form(Token(prepared), ("purpose", Marketing)), ct);

        Assert.Contains("href=\"console/provision/campaign\"", index, StringComparison.Ordinal);
        Assert.Contains($"action=\"{Download.TrimStart('/')}\"", prepared, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", csv.Headers.CacheControl?.ToString());
        var lines = await RecordsAsync(await csv.Content.ReadAsStringAsync(ct));
        Assert.Equal(["person_id", "name", "address", "telephone", "email"], lines[0]);
        var rows = lines.Skip(1).ToDictionary(f => Guid.Parse(f[0]), f => f);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), rows.Keys.Order());
        Assert.Equal(first.Email, rows[first.Id][4]);
        Assert.Equal(("María López", "Av. Constituyentes 100, Querétaro"), (rows[second.Id][1], rows[second.Id][2]));
        Assert.DoesNotContain(withdrawn.Id, rows.Keys);
        Assert.DoesNotContain(never.Id, rows.Keys);
        Assert.DoesNotContain(otherPurpose.Id, rows.Keys);

        await using var db = await h.Db();
        var events = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.Actor == $"staff:{staffId}").ToListAsync(ct);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), events.Where(e => e.Type == AuditEventType.PersonExported && e.Purpose == Marketing).Select(e => e.PersonId!.Value).Order());
        Assert.Contains(events, e => e.Type == AuditEventType.CampaignContactsExported && e.Purpose == Marketing && e.Subject == "2");
    }

    [Theory]
    [InlineData("service.apply")]
    [InlineData("no.such-purpose")]
    [InlineData("")]
    public async Task A_purpose_that_does_not_exist_or_needs_no_consent_is_refused_in_the_page(string purpose)
    {
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", "127.0.0.1");

        var page = await PostChooseAsync(staff, purpose);

        Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
        Assert.Contains("A campaign export is for a purpose that needs consent.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("campaign-export", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_refuses_a_bad_purpose_or_a_missing_token_with_problem_details()
    {
        var ct = TestContext.Current.CancellationToken;
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", "127.0.0.1");
        var token = Token(await staff.GetStringAsync(Page, ct));

        var notConsent = await (await staff.PostAsync(Download, Form(token, ("purpose", "service.apply")), ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noToken = await (await staff.PostAsync(Download, Form(null, ("purpose", Marketing)), ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("consent.purpose", notConsent.Code());
        Assert.Equal("antiforgery", noToken.Code());
    }

    [Fact]
    public async Task The_download_is_closed_to_receiving_roles_and_to_bearer_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var (company, _) = await SafetyHost.SignInAsync(app, ProvisionRoles.CompanyUser, "127.0.0.1");
        var (joint, _) = await SafetyHost.SignInAsync(app, JointUserCheck.Role, "127.0.0.1");
        var service = await app.ClientWithTokenAsync();

        foreach (var client in new[] { company, joint, service })
        {
            var response = await client.PostAsync(Download, Form(null, ("purpose", Marketing)), ct);
            Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/console/sign-in", StringComparison.Ordinal), $"{(int)response.StatusCode} at {response.RequestMessage!.RequestUri}");
        }
    }

    private async Task<(Guid Id, string Email)> RegisterAsync(ProvisionHarness h, string who, params string[] consents)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        var response = await h.Client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(email, consents));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
    }

    /// <summary>Posts the page's purpose form as a browser does, with the token the page gave; returns the page it answers.</summary>
    private static async Task<string> PostChooseAsync(HttpClient staff, string purpose)
    {
        var form = await SafetyHost.FormAsync(staff, Page, "choose", ("purpose", purpose));
        var response = await staff.PostAsync(Page, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<List<string[]>> RecordsAsync(string text)
    {
        using var parser = new CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await parser.ReadAsync())
        {
            records.Add(parser.Record!);
        }

        return records;
    }

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Concat(token is null ? [] : [new KeyValuePair<string, string>("__RequestVerificationToken", token)]));

    private static string Token(string html) => TokenField().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class ConsentCampaignPageTests_Sqlite(SqliteApp app) : ConsentCampaignPageTests(app), IClassFixture<SqliteApp>;

public sealed class ConsentCampaignPageTests_Postgres(PostgresApp app) : ConsentCampaignPageTests(app), IClassFixture<PostgresApp>;
