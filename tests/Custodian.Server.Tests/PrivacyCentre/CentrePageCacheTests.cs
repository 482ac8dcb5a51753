using System.Text.RegularExpressions;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.PrivacyCentre;

public abstract partial class CentrePageCacheTests(CustodianApp app)
{
    [Theory]
    [InlineData("/privacy")]
    [InlineData("/privacy/joint-use")]
    public async Task A_notice_is_kept_per_language_and_served_again_from_memory(string page)
    {
        var client = app.CreateClient();
        foreach (var language in new[] { "en", "es", "ja", "en" })
        {
            await client.GetAsync($"{page}?lang={language}");
            var again = await client.GetAsync($"{page}?lang={language}");

            Assert.True(again.Headers.Age is not null, $"{page}?lang={language} was rendered again");
            Assert.Contains($"<html lang=\"{language}\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_made_up_language_gets_the_binding_notice_and_an_unknown_policy_is_never_kept()
    {
        var client = app.CreateClient();
        await client.GetAsync("/privacy?lang=zz");
        var madeUp = await client.GetStringAsync("/privacy?lang=qq");
        Assert.Contains("<html lang=\"ja\"", madeUp, StringComparison.Ordinal);

        await client.GetAsync("/privacy?policy=nobody");
        var unknown = await client.GetAsync("/privacy?policy=nobody");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(unknown.Headers.Age);
    }

    [Theory]
    [InlineData("/privacy/contact?lang=en")]
    [InlineData("/privacy/requests/new")]
    public async Task A_page_with_a_form_is_rendered_for_each_visitor_with_its_own_antiforgery_token(string page)
    {
        var tokens = new List<string>();
        for (var visitor = 0; visitor < 2; visitor++)
        {
            var response = await app.CreateClient().GetAsync(page);
            Assert.Null(response.Headers.Age);
            tokens.Add(AntiforgeryToken().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
        }

        Assert.All(tokens, t => Assert.NotEmpty(t));
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class CentrePageCacheTests_Sqlite(SqliteApp app) : CentrePageCacheTests(app), IClassFixture<SqliteApp>;

public sealed class CentrePageCacheTests_Postgres(PostgresApp app) : CentrePageCacheTests(app), IClassFixture<PostgresApp>;
