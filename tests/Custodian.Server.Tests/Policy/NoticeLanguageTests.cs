using System.Net;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Policy;

/// <summary>The site's root leads to the notice, and the notice is in the browser's language when the address names none.</summary>
public abstract class NoticeLanguageTests(CustodianApp app)
{
    [Fact]
    public async Task The_root_address_goes_to_the_privacy_centre()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/privacy", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("es-MX,es;q=0.9,en;q=0.5", null, "es")]
    [InlineData("en-GB,en;q=0.8", null, "en")]
    [InlineData("fr-FR,de;q=0.8", null, "ja")]
    [InlineData("es-MX", "en", "en")]
    public async Task The_notice_follows_accept_language_unless_the_address_names_a_language(string accept, string? lang, string shown)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Accept-Language", accept);

        var html = await client.GetStringAsync(lang is null ? "/privacy" : "/privacy?lang=" + lang);

        Assert.Contains($"<html lang=\"{shown}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<article class=\"notice\" lang=\"{shown}\"", html, StringComparison.Ordinal);
    }
}

public sealed class NoticeLanguageTests_Sqlite(SqliteApp app) : NoticeLanguageTests(app), IClassFixture<SqliteApp>;

public sealed class NoticeLanguageTests_Postgres(PostgresApp app) : NoticeLanguageTests(app), IClassFixture<PostgresApp>;
