using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Policy;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Policy;

/// <summary>The published notice and the API are rendered from the same loaded policy that enforcement reads.</summary>
public abstract class PolicyPublicationTests(CustodianApp app)
{
    private PrivacyPolicy Mexico => app.Service<PolicyStore>().Default;

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Notice_is_rendered_in_each_language_from_the_text_the_policy_names(string language)
    {
        var html = await app.CreateClient().GetStringAsync($"/privacy?lang={language}");

        // Written as text, not as character references.
        Assert.Contains(Mexico.Texts[language].Title, html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\"", html, StringComparison.Ordinal);
        // A marked run may be a link: compare the words with the tags taken out.
        var words = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", ""));
        foreach (var block in Mexico.Texts[language].Blocks)
        {
            Assert.Contains(string.Concat(block.Runs.Select(r => r.Text)), words, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/privacy?lang=xx")]
    [InlineData("/privacy?lang=%3Cscript%3E")]
    [InlineData("/privacy")]
    public async Task Unknown_or_missing_language_falls_back_to_japanese(string url)
    {
        var html = await app.CreateClient().GetStringAsync(url);

        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_api_serves_the_default_policy_and_names_an_unknown_one()
    {
        var client = app.CreateClient();

        var policy = await client.GetFromJsonAsync<JsonElement>("/api/v1/policy");
        var unknown = await client.GetAsync("/api/v1/policies/no-such-policy");

        Assert.Equal(Mexico.Id, policy.GetProperty("id").GetString());
        Assert.Equal(Mexico.Version, policy.GetProperty("version").GetString());
        Assert.Equal(Mexico.Purposes.Count, policy.GetProperty("purposes").GetArrayLength());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class PolicyPublicationTests_Sqlite(SqliteApp app) : PolicyPublicationTests(app), IClassFixture<SqliteApp>;

public sealed class PolicyPublicationTests_Postgres(PostgresApp app) : PolicyPublicationTests(app), IClassFixture<PostgresApp>;
