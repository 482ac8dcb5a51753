using System.Net;
using System.Net.Http.Json;
using Custodian.Policy;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Custodian.Server.Tests.PrivacyCentre;

/// <summary>The server with low limits and one configured operator site, so floods and CORS are quick to show.</summary>
public sealed class LimitedApp : CustodianApp
{
    public const string Site = "https://www.operator.example";

    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("PrivacyCentre:ChoicesPerMinutePerNetwork", "3");
        builder.UseSetting("PrivacyCentre:RequestsPerHourPerNetwork", "2");
        builder.UseSetting("PrivacyCentre:InquiriesPerHourPerNetwork", "2");
        builder.UseSetting("PrivacyCentre:SiteOrigins:0", Site);
        // Requests without the peer header come from 127.0.0.1, as before; with it, from a network of their own.
        Staff.SafetyHost.ConfigurePeer(builder);
    }
}

public sealed class PublicFormLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    [Fact]
    public async Task A_flood_of_choices_is_answered_429_with_a_problem_and_retry_after()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", LimitedApp.Site);
        var version = app.Service<PolicyStore>().Default.Version;

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await client.PostAsJsonAsync("/api/v1/cookie-consent/choices", new { policyVersion = version, categories = Array.Empty<string>() }));
        }

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var limited = responses.Last();
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task A_flood_of_request_forms_is_answered_429()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(Staff.SafetyHost.PeerHeader, "192.0.2.30");
        var post = () => client.PostAsync("/privacy/requests/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "privacy-request" }));

        var responses = new[] { await post(), await post(), await post() };

        Assert.NotEqual(HttpStatusCode.TooManyRequests, responses[1].StatusCode);
        await responses[2].AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Choices_posted_to_upper_case_or_trailing_slash_spellings_count_against_the_same_limit()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", LimitedApp.Site);
        client.DefaultRequestHeaders.Add(Staff.SafetyHost.PeerHeader, "192.0.2.10");
        var version = app.Service<PolicyStore>().Default.Version;

        var responses = new List<HttpResponseMessage>();
        foreach (var path in new[] { "/api/v1/cookie-consent/choices/", "/API/V1/Cookie-Consent/CHOICES", "/api/v1/cookie-consent/choices", "/api/v1/cookie-consent/choices/", "/API/v1/cookie-consent/choices/" })
        {
            responses.Add(await client.PostAsJsonAsync(path, new { policyVersion = version, categories = Array.Empty<string>() }));
        }

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Skip(3), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
    }

    [Fact]
    public async Task Contact_form_posts_to_upper_case_or_trailing_slash_spellings_count_against_the_same_limit()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(Staff.SafetyHost.PeerHeader, "192.0.2.20");

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/privacy/contact/", "/PRIVACY/Contact", "/privacy/contact/", "/Privacy/CONTACT/" })
        {
            statuses.Add((await client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(2));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
    }

    [Fact]
    public async Task A_configured_site_passes_the_cors_preflight_and_another_does_not()
    {
        var client = app.CreateClient();

        var allowed = await client.SendAsync(Preflight(LimitedApp.Site));
        var other = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(LimitedApp.Site, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/cookie-consent/choices");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }
}
