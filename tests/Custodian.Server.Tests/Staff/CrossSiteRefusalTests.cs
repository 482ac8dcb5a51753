using System.Net;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Staff;

public sealed class CrossSiteRefusalTests(ClockedSqliteApp app) : IClassFixture<ClockedSqliteApp>
{
    private const string SignOutEverywhere = "/api/v1/staff/me/sessions/sign-out-everywhere";
    private static int _peers;

    private static string Peer() => $"198.19.7.{Interlocked.Increment(ref _peers)}";

    private static HttpRequestMessage Post(string? origin, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SignOutEverywhere);
        // Replaces the client's own-origin default, as a foreign page's request would carry its own.
        request.Headers.Remove("Origin");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return request;
    }

    [Fact]
    public async Task A_cookie_authenticated_post_from_a_foreign_origin_is_refused_as_cross_site()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        staff.Client.DefaultRequestHeaders.Remove("Origin");

        var problem = await (await staff.Client.SendAsync(Post("https://evil.example"))).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("request.cross-site", problem.Code());
    }

    [Fact]
    public async Task A_cookie_authenticated_post_without_origin_or_same_origin_fetch_site_is_refused()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        staff.Client.DefaultRequestHeaders.Remove("Origin");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.SendAsync(Post(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.SendAsync(Post(null, "cross-site"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.SendAsync(Post(null, "same-origin"))).StatusCode);
    }

    [Fact]
    public async Task A_post_with_a_null_origin_is_judged_by_its_fetch_site_as_our_no_referrer_pages_send_it()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        staff.Client.DefaultRequestHeaders.Remove("Origin");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.SendAsync(Post("null"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.SendAsync(Post("null", "cross-site"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.SendAsync(Post("null", "same-origin"))).StatusCode);
    }

    [Fact]
    public async Task A_cookie_authenticated_post_from_the_servers_own_origin_passes()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        staff.Client.DefaultRequestHeaders.Remove("Origin");

        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.SendAsync(Post("http://localhost"))).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_post_needs_no_origin()
    {
        var client = await app.ClientWithTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/persons/search") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.SendAsync(request);

        Assert.DoesNotContain("request.cross-site", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
