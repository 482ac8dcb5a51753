using System.Net;
using System.Net.Http.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Staff;

/// <summary>Routing matches any case and a trailing slash; the staff rules decide from the matched route, so every spelling is treated alike.</summary>
public sealed class PathSpellingTests(SafetySqliteApp app) : IClassFixture<SafetySqliteApp>
{
    private static int _peers;

    private static string Peer() => $"198.19.7.{Interlocked.Increment(ref _peers)}";

    [Fact]
    public async Task The_registered_device_rule_holds_for_upper_case_and_trailing_slash_spellings()
    {
        const string role = "field-worker";
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync($"/api/v1/staff/roles/{role}/devices", new { required = true })).StatusCode);
        var person = await SafetyHost.RegisterAsync(app);
        var staff = await SafetyHost.SignInNewAsync(app, role, Peer());

        foreach (var url in new[] { $"/API/v1/persons/{person}?purpose=service.apply", $"/api/V1/Persons/{person}/?purpose=service.apply", $"/api/v1/persons/{person}/?purpose=service.apply" })
        {
            var refused = await (await staff.Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("staff.device-required", refused.Code());
        }

        foreach (var page in new[] { "/CONSOLE/persons", "/console/persons/", "/Console/Persons/" })
        {
            Assert.Equal("/console/account", (await staff.Client.GetAsync(page)).RequestMessage!.RequestUri!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Console_pages_are_not_stored_however_the_path_is_spelled()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());

        // The sign-out endpoint writes no antiforgery token, which would add no-store on its own.
        foreach (var path in new[] { "/CONSOLE/sign-out", "/console/sign-out/", "/Console/Sign-Out/" })
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent([]));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }
}
