using System.Net;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Microsoft.AspNetCore.Hosting;

namespace Custodian.Server.Tests.Staff;

/// <summary>The default configuration: no trusted proxy, a low sign-in limit, the test peer's address from <see cref="SafetyHost.PeerHeader"/>.</summary>
public sealed class NoProxyApp : CustodianApp
{
    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Staff:SignInPermitsPerMinute", "2");
        SafetyHost.ConfigurePeer(builder);
    }
}

/// <summary>Forwarded headers are believed from configured proxies only, and by default from nobody.</summary>
public sealed class ForwardedHeadersWithoutProxyTests(NoProxyApp app) : IClassFixture<NoProxyApp>
{
    [Fact]
    public async Task Without_a_trusted_proxy_x_forwarded_for_does_not_change_the_address_the_sign_in_limit_counts()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, "203.0.113.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // A new forwarded address each time: believed, each would be a new partition of the limit.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Without_a_trusted_proxy_x_forwarded_proto_https_makes_no_secure_cookie_and_no_hsts()
    {
        var response = await ForwardedSignInAsync(app, peer: "203.0.113.10");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", SignInCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The password step of a new account, posted as if through a TLS proxy; answers the response that starts the code step.</summary>
    internal static async Task<HttpResponseMessage> ForwardedSignInAsync(CustodianApp app, string peer)
    {
        var name = "fw." + Guid.NewGuid().ToString("N")[..10];
        await app.Service<StaffAccounts>().CreateAsync(Actor.System, name, SafetyHost.Password, "recruiter");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, peer);
        var form = await SafetyHost.FormAsync(client, "/console/sign-in", "sign-in", ("Input.UserName", name), ("Input.Password", SafetyHost.Password));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = form };
        request.Headers.Add("X-Forwarded-For", "198.51.100.77");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await client.SendAsync(request);
    }

    internal static string SignInCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("custodian.sign-in=", StringComparison.Ordinal));
}

/// <summary>Behind the trusted proxy, its X-Forwarded-Proto counts: the request is https, cookies are Secure, HSTS is sent.</summary>
public sealed class ForwardedHeadersFromProxyTests(SafetySqliteApp app) : IClassFixture<SafetySqliteApp>
{
    [Fact]
    public async Task Behind_the_trusted_tls_proxy_cookies_are_secure_and_hsts_is_sent()
    {
        var response = await ForwardedHeadersWithoutProxyTests.ForwardedSignInAsync(app, peer: SafetyHost.TrustedProxy);

        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("secure", ForwardedHeadersWithoutProxyTests.SignInCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task X_forwarded_proto_from_an_untrusted_peer_is_ignored()
    {
        var response = await ForwardedHeadersWithoutProxyTests.ForwardedSignInAsync(app, peer: "203.0.113.11");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", ForwardedHeadersWithoutProxyTests.SignInCookie(response), StringComparison.OrdinalIgnoreCase);
    }
}
