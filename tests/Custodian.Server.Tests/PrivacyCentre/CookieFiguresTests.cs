using System.Net;
using System.Net.Http.Json;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.PrivacyCentre;

/// <summary>The figures behind the cookie-consent page: choices per day, opt-in rate per category and banner language.</summary>
public abstract class CookieFiguresTests(CustodianApp app)
{
    private const string Choices = "/api/v1/cookie-consent/choices";

    private async Task ChooseAsync(string? language, params string[] categories)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        var response = await client.PostAsJsonAsync(Choices, new { policyVersion = app.Service<PolicyStore>().Default.Version, categories, language });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static CookieOptIn Line(CookieFiguresReport report, string category, string language) =>
        report.OptIns.SingleOrDefault(o => o.Category == category && o.Language == language) ?? new CookieOptIn(category, language, 0, 0);

    [Fact]
    public async Task Choices_count_per_day_and_opt_ins_per_category_and_language()
    {
        var figures = app.Service<CookieFigures>();
        var before = await figures.LastDaysAsync(7, TestContext.Current.CancellationToken);

        await ChooseAsync("es", "statistics");
        await ChooseAsync("es", "statistics", "advertising");
        await ChooseAsync("es");
        await ChooseAsync("fr", "statistics");

        var after = await figures.LastDaysAsync(7, TestContext.Current.CancellationToken);
        Assert.Equal(7, after.Days.Count);
        Assert.Equal(before.Total + 4, after.Total);
        Assert.Equal(before.Days[^1].Choices + 4, after.Days[^1].Choices);
        Assert.Equal(Line(before, "statistics", "es").Choices + 3, Line(after, "statistics", "es").Choices);
        Assert.Equal(Line(before, "statistics", "es").OptedIn + 2, Line(after, "statistics", "es").OptedIn);
        Assert.Equal(Line(before, "advertising", "es").OptedIn + 1, Line(after, "advertising", "es").OptedIn);
        // A language the policy has no notice in is not kept: that choice counts as of unknown language.
        Assert.Equal(Line(before, "statistics", CookieFigures.UnknownLanguage).OptedIn + 1, Line(after, "statistics", CookieFigures.UnknownLanguage).OptedIn);
        Assert.DoesNotContain(after.OptIns, o => o.Category == "strictly-necessary");
    }
}

public sealed class CookieFiguresTests_Sqlite(SqliteApp app) : CookieFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class CookieFiguresTests_Postgres(PostgresApp app) : CookieFiguresTests(app), IClassFixture<PostgresApp>;
