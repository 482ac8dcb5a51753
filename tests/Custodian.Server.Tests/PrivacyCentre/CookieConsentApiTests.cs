using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.PrivacyCentre;

public abstract class CookieConsentApiTests(CustodianApp app)
{
    private const string Choices = "/api/v1/cookie-consent/choices";

    private string Version => app.Service<PolicyStore>().Default.Version;

    [Fact]
    public async Task A_choice_whose_origin_matches_only_its_own_host_header_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cookie-consent/choices")
        {
            Content = JsonContent.Create(new { policyVersion = Version, categories = Array.Empty<string>() }),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Add("Origin", "http://evil.example");

        var problem = await (await app.CreateClient().SendAsync(request)).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("origin.not-allowed", problem.Code());
    }

    private HttpClient SameOriginClient()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        return client;
    }

    private async Task<int> LedgerCountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<CookieChoice>().CountAsync();
    }

    [Fact]
    public async Task A_choice_is_recorded_with_its_version_and_read_back_by_its_receipt()
    {
        var client = SameOriginClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");

        var response = await client.PostAsJsonAsync(Choices, new { policyVersion = Version, categories = new[] { "statistics" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetGuid();
        var read = await app.CreateClient().GetFromJsonAsync<JsonElement>($"{Choices}/{receipt}");
        Assert.Equal(["strictly-necessary", "statistics"], read.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.True(read.GetProperty("current").GetBoolean());
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var row = await db.Set<CookieChoice>().SingleAsync(c => c.Id == receipt);
        Assert.Equal(Version, row.PolicyVersion);
        Assert.Equal("TestBrowser/1.0", row.UserAgent);
        var subjects = await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.CookieChoicesRecorded).Select(e => e.Subject).ToListAsync();
        Assert.Contains(subjects, s => s!.StartsWith("cookie-choices:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2000-01-01", "statistics", "policyVersion")]
    [InlineData(null, "statistics", "policyVersion")]
    [InlineData("current", "tracking", "categories")]
    [InlineData("current", "<script>alert(1)</script>", "categories")]
    public async Task A_forged_choice_is_refused_without_writing_to_the_ledger(string? version, string category, string field)
    {
        var before = await LedgerCountAsync();

        var response = await SameOriginClient().PostAsJsonAsync(Choices, new { policyVersion = version == "current" ? Version : version, categories = new[] { category } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem.Field());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await LedgerCountAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://evil.example")]
    public async Task A_post_from_another_site_or_with_no_origin_is_refused(string? origin)
    {
        var before = await LedgerCountAsync();
        var client = app.CreateClient();
        if (origin is not null)
        {
            client.DefaultRequestHeaders.Add("Origin", origin);
        }

        var response = await client.PostAsJsonAsync(Choices, new { policyVersion = Version, categories = Array.Empty<string>() });

        Assert.Equal("origin.not-allowed", (await response.AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(before, await LedgerCountAsync());
    }

    [Fact]
    public async Task A_post_that_is_not_json_is_refused()
    {
        var response = await SameOriginClient().PostAsync(Choices, new FormUrlEncodedContent(new Dictionary<string, string> { ["policyVersion"] = Version }));

        Assert.True(response.StatusCode is HttpStatusCode.UnsupportedMediaType or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Global_privacy_control_refuses_advertising_and_is_recorded()
    {
        var client = SameOriginClient();
        client.DefaultRequestHeaders.Add("Sec-GPC", "1");

        var refused = await client.PostAsJsonAsync(Choices, new { policyVersion = Version, categories = new[] { "advertising" } });
        var accepted = await client.PostAsJsonAsync(Choices, new { policyVersion = Version, categories = new[] { "statistics" } });

        Assert.Equal("gpc.refuses-advertising", (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Code());
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("globalPrivacyControl").GetBoolean());
    }

    [Fact]
    public async Task Settings_come_from_the_policy_in_the_asked_language_and_fall_back_to_japanese()
    {
        var client = app.CreateClient();

        var es = await client.GetFromJsonAsync<JsonElement>("/api/v1/cookie-consent/settings?lang=es");
        var unknown = await client.GetFromJsonAsync<JsonElement>("/api/v1/cookie-consent/settings?lang=xx");

        Assert.Equal("es", es.GetProperty("language").GetString());
        Assert.Equal("ja", unknown.GetProperty("language").GetString());
        var advertising = es.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "advertising");
        Assert.Equal(["Criteo K.K.", "Google LLC (Campaign Manager)"], advertising.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.All(advertising.GetProperty("partners").EnumerateArray(), p => Assert.StartsWith("https://", p.GetProperty("optOutUrl").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_receipt_is_not_found()
    {
        var response = await app.CreateClient().GetAsync($"{Choices}/{Guid.NewGuid()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class CookieConsentApiTests_Sqlite(SqliteApp app) : CookieConsentApiTests(app), IClassFixture<SqliteApp>;

public sealed class CookieConsentApiTests_Postgres(PostgresApp app) : CookieConsentApiTests(app), IClassFixture<PostgresApp>;
