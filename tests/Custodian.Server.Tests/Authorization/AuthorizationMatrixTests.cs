using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Authorization;

/// <summary>
/// Every endpoint of the route table × every kind of caller (anonymous, service tokens with and without the
/// permission, a purpose-limited token, a consignee's credential, a token from before permissions, each shipped role,
/// a password-only sign-in, a deactivated account, callers outside their allow-list) × three spellings of the path (as declared, upper case,
/// trailing slash), against the model in <see cref="AuthorizationRules"/>. Generated from the endpoints, so a new
/// endpoint without a rule fails.
/// </summary>
public sealed class AuthorizationMatrixTests(SafetySqliteApp app) : IClassFixture<SafetySqliteApp>
{
    private const string Inside = "198.51.100.7";
    private const string Outside = "203.0.113.9";
    private static readonly string[] Networks = ["198.51.100.0/24"];
    private static readonly string[] ServicePermissions =
    [
        "persons.register", "persons.search", "persons.read", "persons.correct", "persons.erase", "consent.manage",
        "provision.entries", "provision.manage", "requests.handle", "requests.documents.review", "anonymization.manage", "statistics.read",
    ];

    private enum Spelling { Declared, UpperCase, TrailingSlash }

    [Fact]
    public async Task Every_endpoint_answers_each_caller_in_every_spelling_as_the_permission_model_says()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 50, "the route table was not read");
        var missing = endpoints.Where(e => !AuthorizationRules.Table.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a rule in AuthorizationRules.Table:\n" + string.Join("\n", missing));

        var callers = await CallersAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var wrong = new ConcurrentBag<string>();
        var calls = 0;
        using var lanes = new SemaphoreSlim(8);
        async Task CallAllAsync(IEnumerable<KeyValuePair<string, (string Method, RoutePattern Pattern)>> batch, Spelling[] spellings) =>
            await Task.WhenAll(batch.SelectMany(e => callers.SelectMany(c => spellings.Select(async spelling =>
            {
                await lanes.WaitAsync();
                try
                {
                    Interlocked.Increment(ref calls);
                    using var response = await client.SendAsync(Request(e.Value, c, spelling));
                    var status = (int)response.StatusCode;
                    var refused = status is 401 or 403 || (status is >= 300 and < 400 && response.Headers.Location?.OriginalString.Contains("/console/sign-in", StringComparison.Ordinal) == true);
                    var door = AuthorizationRules.Table[e.Key];
                    var allowed = Allows(door, c);
                    if (status >= 500 || (door.Surface != Surface.SignIn && refused == allowed))
                    {
                        wrong.Add($"{e.Key} ({spelling}) as {c.Name}: {status}, expected {(allowed ? "allowed" : "refused")} ({door})");
                    }
                }
                finally
                {
                    lanes.Release();
                }
            }))));

        // Signing out ends sessions on the server, so those doors come last, one kind at a time: another account's
        // sessions, then the caller's own everywhere (as declared only: its first allowed call ends the session), then the plain sign-out.
        static int Order(string key) =>
            !key.Contains("sign-out", StringComparison.Ordinal) ? 0
            : key.Contains("/accounts/", StringComparison.Ordinal) ? 1
            : key.Contains("/me/", StringComparison.Ordinal) ? 2
            : 3;
        foreach (var group in endpoints.GroupBy(e => Order(e.Key)).OrderBy(g => g.Key))
        {
            await CallAllAsync(group, group.Key is 2 or 3 ? [Spelling.Declared] : Enum.GetValues<Spelling>());
        }

        Assert.True(calls > 5000, $"only {calls} calls were made");
        Assert.True(wrong.IsEmpty, $"{wrong.Count} of {calls} calls answered against the model:\n" + string.Join("\n", wrong.OrderBy(w => w, StringComparer.Ordinal)));
    }

    [Fact]
    public void The_shipped_roles_grant_exactly_what_the_model_says()
    {
        var catalogue = app.Service<RoleCatalogue>();
        foreach (var (role, (realm, permissions)) in AuthorizationRules.Roles)
        {
            var shipped = catalogue.Find(role);
            Assert.NotNull(shipped);
            Assert.Equal(realm, shipped.Realm.ToString().ToLowerInvariant());
            Assert.Equal(permissions.Order(StringComparer.Ordinal), shipped.Permissions.Order(StringComparer.Ordinal));
        }

        // Besides the templates, only the roles this test host adds through Staff:Roles.
        Assert.Equal(AuthorizationRules.Roles.Keys.Order(StringComparer.Ordinal), catalogue.All.Select(r => r.Name).Except(SafetyHost.ExtraRoles).Order(StringComparer.Ordinal));
    }

    private static bool Allows(Door door, Caller c)
    {
        var credentialed = c.Session || c.Permissions is not null;
        if (credentialed && !c.InsideNetwork)
        {
            return false;
        }

        var role = c.Session && c.Role is not null ? AuthorizationRules.Roles[c.Role] : default;
        var sessionHolds = c.Session && role.Permissions.Contains(door.Permission);
        return door.Surface switch
        {
            Surface.Public or Surface.SignIn => true,
            Surface.Api => sessionHolds || c.Permissions?.Contains(door.Permission) == true,
            Surface.Console => sessionHolds && role.Realm == "staff",
            Surface.Company => sessionHolds && role.Realm == "company",
            _ => false,
        };
    }

    /// <summary>"METHOD route" of each endpoint, with the pattern to fill in; Blazor pages by GET.</summary>
    private Dictionary<string, (string Method, RoutePattern Pattern)> Endpoints()
    {
        var result = new Dictionary<string, (string, RoutePattern)>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var method = methods.Contains("GET") ? "GET" : methods[0];
            result[$"{method} {endpoint.RoutePattern.RawText}"] = (method, endpoint.RoutePattern);
        }

        return result;
    }

    private static HttpRequestMessage Request((string Method, RoutePattern Pattern) endpoint, Caller caller, Spelling spelling)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart l => spelling == Spelling.UpperCase ? l.Content.ToUpperInvariant() : l.Content,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int" or "long") => "1",
                    RoutePatternParameterPart => "x",
                    RoutePatternSeparatorPart s => s.Content,
                    _ => "",
                });
            }
        }

        if (spelling == Spelling.TrailingSlash || path.Length == 0)
        {
            path.Append('/');
        }

        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path.ToString());
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        request.Headers.Add(SafetyHost.PeerHeader, caller.InsideNetwork ? Inside : Outside);
        // As a browser on the server's own pages sends it; the cookie-consent script's posts are checked by origin.
        request.Headers.Add("Origin", "http://localhost");
        if (caller.Cookies is not null)
        {
            request.Headers.Add("Cookie", caller.Cookies);
        }

        if (caller.Bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", caller.Bearer);
        }

        return request;
    }

    /// <summary>A caller: a console session of <paramref name="Role"/>, or a token holding <paramref name="Permissions"/>, or neither.</summary>
    private sealed record Caller(string Name, bool InsideNetwork, string? Role = null, bool Session = false, IReadOnlyCollection<string>? Permissions = null,
        string? Cookies = null, string? Bearer = null);

    private async Task<List<Caller>> CallersAsync()
    {
        var safe = app.Services.GetRequiredService<SafeManagement>();
        foreach (var role in AuthorizationRules.Roles.Keys.Append("service"))
        {
            Assert.True((await safe.SetRoleNetworksAsync(Actor.System, role, Networks)).Succeeded);
        }

        var tokens = app.Service<ApiTokens>();
        async Task<Caller> TokenAsync(string name, bool inside, string[] permissions, params string[] purposes) =>
            new(name, inside, Permissions: permissions, Bearer: (await tokens.CreateAsync(Actor.System, name, permissions, purposes)).Value.Secret);

        var callers = new List<Caller>
        {
            new("anonymous inside", true),
            new("anonymous outside", false),
            await TokenAsync("token with every service permission", true, ServicePermissions),
            await TokenAsync("token with every service permission outside", false, ServicePermissions),
            await TokenAsync("statistics token", true, ["statistics.read"], "service.statistics"),
            await TokenAsync("read-only token limited to statistics", true, ["persons.read"], "service.statistics"),
            await TokenAsync("consignee credential", true, ["persons.search", "persons.read"], "service.apply"),
            await LegacyTokenAsync(),
        };

        foreach (var (role, i) in AuthorizationRules.Roles.Keys.Select((r, i) => (r, i)))
        {
            // Each from its own address in the allowed network: the sign-in throttle counts posts per address.
            var (pending, session, id) = await SignInAsync(role, $"198.51.100.{20 + i}");
            if (role == "information-manager")
            {
                Assert.True((await safe.CreateDepartmentAsync(Actor.System, "Matrix " + id.ToString("N")[..8], id)).Succeeded);
            }

            // As the policy's organisation has it: the privacy officer is the responsible manager, who reviews every department.
            if (role == "privacy-officer")
            {
                Assert.True((await app.Service<Organisation>().SetResponsibleManagerAsync(Actor.System, id)).Succeeded);
            }

            callers.Add(new Caller($"{role} with second factor", true, role, Session: true, Cookies: session));
            if (role is "administrator" or "recruiter" or "client-company")
            {
                callers.Add(new Caller($"{role} password only", true, role, Cookies: pending));
                callers.Add(new Caller($"{role} with second factor outside", false, role, Session: true, Cookies: session));
            }
        }

        // Someone who has left: signed in fully, then deactivated; the session opens nothing any more.
        var (_, leaverSession, leaver) = await SignInAsync("recruiter", "198.51.100.40");
        Assert.Null(await app.Service<StaffLifecycle>().DeactivateAsync(Actor.System, leaver));
        callers.Add(new Caller("deactivated recruiter", true, Cookies: leaverSession));
        return callers;
    }

    /// <summary>A token made before tokens carried permissions: it holds none, so it opens nothing but public doors.</summary>
    private async Task<Caller> LegacyTokenAsync()
    {
        var created = (await app.Service<ApiTokens>().CreateAsync(Actor.System, "legacy", ServicePermissions, [])).Value;
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            await db.Set<ApiToken>().Where(t => t.Id == created.Token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Permissions, ""));
        }

        return new Caller("token from before permissions", true, Permissions: [], Bearer: created.Secret);
    }

    /// <summary>Signs in through the real forms, keeping cookies by hand: the Cookie header after the password step, and after the code.</summary>
    private async Task<(string Pending, string Session, Guid Id)> SignInAsync(string role, string peer)
    {
        var name = "mx." + Guid.NewGuid().ToString("N")[..10];
        const string password = "a long matrix password";
        var account = await app.Service<StaffAccounts>().CreateAsync(Actor.System, name, password, role);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<string> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add(SafetyHost.PeerHeader, peer);
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }

            request.Content = form is null ? null : new FormUrlEncodedContent(form);
            using var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return await response.Content.ReadAsStringAsync();
        }

        static string Token(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var page = await SendAsync(HttpMethod.Get, "/console/sign-in");
        await SendAsync(HttpMethod.Post, "/console/sign-in", [new("_handler", "sign-in"), new("__RequestVerificationToken", Token(page)), new("Input.UserName", name), new("Input.Password", password)]);
        var pending = string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
        var codePage = await SendAsync(HttpMethod.Get, "/console/sign-in/code");
        var secret = Base32.Decode(Regex.Match(codePage, "id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").Groups[1].Value)!;
        var code = Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow()));
        await SendAsync(HttpMethod.Post, "/console/sign-in/code", [new("_handler", "sign-in-code"), new("__RequestVerificationToken", Token(codePage)), new("Input.Code", code)]);
        Assert.True(jar.ContainsKey("custodian.session"), "the full sign-in gave no session cookie");
        // The session without the pending cookie, which signing in completes and clears.
        var session = string.Join("; ", jar.Where(c => c.Key != "custodian.sign-in").Select(c => $"{c.Key}={c.Value}"));
        return (pending, session, account.Value!.Id);
    }
}
