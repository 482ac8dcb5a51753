using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Requests;

public abstract class RequestPagesTests(CustodianApp app)
{
    [Theory]
    [InlineData("es", "Presente una solicitud sobre sus datos personales", "Enviar la solicitud")]
    [InlineData("ja", "個人情報に関するご請求", "請求を送信する")]
    [InlineData("en", "Make a request about your personal data", "Send the request")]
    public async Task The_request_form_is_in_the_privacy_centres_language(string language, string title, string button)
    {
        var page = await app.CreateClient().GetStringAsync($"/privacy/requests/new?lang={language}");

        Assert.Contains($"<html lang=\"{language}\"", page, StringComparison.Ordinal);
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(button, page, StringComparison.Ordinal);
        Assert.Equal(language, System.Text.RegularExpressions.Regex.Match(page, "id=\"language\"[^>]*><option value=\"(\\w+)\"").Groups[1].Value);
    }

    [Theory]
    [InlineData("es", "Ver mi solicitud")]
    [InlineData("ja", "状況を表示する")]
    public async Task The_status_page_is_in_the_privacy_centres_language(string language, string button)
    {
        var page = await app.CreateClient().GetStringAsync($"/privacy/requests/status?lang={language}");

        Assert.Contains(button, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Show my request", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_privacy_centre_page_links_to_the_request_form_in_its_language()
    {
        var notice = await app.CreateClient().GetStringAsync("/privacy?lang=es");

        Assert.Contains("href=\"privacy/requests/new?lang=es\"", notice, StringComparison.Ordinal);
    }
}

public sealed class RequestPagesTests_Sqlite(SqliteApp app) : RequestPagesTests(app), IClassFixture<SqliteApp>;

public sealed class RequestPagesTests_Postgres(PostgresApp app) : RequestPagesTests(app), IClassFixture<PostgresApp>;
