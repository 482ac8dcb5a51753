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

namespace Custodian.Server.Tests.Authorization;

/// <summary>
/// Every endpoint of the route table × every kind of caller (role, second factor or not, inside or outside the
/// allow-list) against <see cref="AuthorizationRules"/>. Generated from the endpoints, so a new endpoint without a rule fails.
/// </summary>
public sealed class AuthorizationMatrixTests(SafetySqliteApp app) : IClassFixture<SafetySqliteApp>
{
    private const string Inside = "198.51.100.7";
    private const string Outside = "203.0.113.9";
    private static readonly string[] Networks = ["198.51.100.0/24"];

    [Fact]
    public async Task Every_endpoint_answers_each_caller_as_its_rule_says()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 50, "the route table was not read");
        var missing = endpoints.Where(e => !AuthorizationRules.Table.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a rule in AuthorizationRules.Table:\n" + string.Join("\n", missing));

        var callers = await CallersAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var wrong = new ConcurrentBag<string>();
        using var lanes = new SemaphoreSlim(8);
        async Task CallAllAsync(IEnumerable<KeyValuePair<string, (string Method, RoutePattern Pattern)>> batch) =>
            await Task.WhenAll(batch.SelectMany(e => callers.Select(async c =>
            {
                await lanes.WaitAsync();
                try
                {
                    using var response = await client.SendAsync(Request(e.Value, c));
                    var status = (int)response.StatusCode;
                    var refused = status is 401 or 403 || (status is >= 300 and < 400 && response.Headers.Location?.OriginalString.Contains("/console/sign-in", StringComparison.Ordinal) == true);
                    var rule = AuthorizationRules.Table[e.Key];
                    if (status >= 500 || (rule != Access.SignIn && refused == Allows(rule, c)))
                    {
                        wrong.Add($"{e.Key} as {c.Name}: {status}, expected {(Allows(rule, c) ? "allowed" : "refused")} ({rule})");
                    }
                }
                finally
                {
                    lanes.Release();
                }
            })));

        // Signing out ends sessions on the server, so those doors come last, one kind at a time: another account's
        // sessions, then the caller's own everywhere (its answer is checked), then the plain sign-out.
        static int Order(string key) =>
            !key.Contains("sign-out", StringComparison.Ordinal) ? 0
            : key.Contains("/accounts/", StringComparison.Ordinal) ? 1
            : key.Contains("/me/", StringComparison.Ordinal) ? 2
            : 3;
        foreach (var group in endpoints.GroupBy(e => Order(e.Key)).OrderBy(g => g.Key))
        {
            await CallAllAsync(group);
        }

        Assert.True(wrong.IsEmpty, string.Join("\n", wrong.OrderBy(w => w, StringComparer.Ordinal)));
    }

    private static bool Allows(Access rule, Caller c)
    {
        var credentialed = c.Session || c.Token;
        if (credentialed && !c.InsideNetwork)
        {
            return false;
        }

        return rule switch
        {
            Access.Public or Access.SignIn => true,
            Access.Signed => credentialed,
            Access.Console => c.Session,
            Access.Admin => c.Role == StaffRoles.Administrator && credentialed,
            Access.Reviewer => c.Session && (c.Role == StaffRoles.Administrator || c.Manager),
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

    private static HttpRequestMessage Request((string Method, RoutePattern Pattern) endpoint, Caller caller)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int" or "long") => "1",
                    RoutePatternParameterPart => "x",
                    RoutePatternSeparatorPart s => s.Content,
                    _ => "",
                });
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path.Length == 0 ? "/" : path.ToString());
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

    private sealed record Caller(string Name, bool InsideNetwork, string? Role = null, bool Session = false, bool Manager = false, bool Token = false,
        string? Cookies = null, string? Bearer = null);

    /// <summary>Anonymous, an API token, and for each role a half sign-in (password only) and a full one, each from inside and outside.</summary>
    private async Task<List<Caller>> CallersAsync()
    {
        var safe = app.Services.GetRequiredService<SafeManagement>();
        foreach (var role in new[] { StaffRoles.Administrator, "recruiter", "service" })
        {
            Assert.True((await safe.SetRoleNetworksAsync(Actor.System, role, Networks)).Succeeded);
        }

        var token = await app.Service<ApiTokens>().CreateAsync(Actor.System, "matrix", []);
        var callers = new List<Caller>();
        foreach (var inside in new[] { true, false })
        {
            var where = inside ? "inside" : "outside";
            callers.Add(new Caller($"anonymous {where}", inside));
            callers.Add(new Caller($"token {where}", inside, "service", Token: true, Bearer: token.Value.Secret));
        }

        foreach (var (role, manager) in new[] { (StaffRoles.Administrator, false), ("recruiter", false), ("recruiter", true) })
        {
            var (pending, session, id) = await SignInAsync(role);
            if (manager)
            {
                Assert.True((await safe.CreateDepartmentAsync(Actor.System, "Matrix " + id.ToString("N")[..8], id)).Succeeded);
            }

            var name = manager ? "information manager" : role;
            foreach (var inside in new[] { true, false })
            {
                var where = inside ? "inside" : "outside";
                callers.Add(new Caller($"{name} password only {where}", inside, role, Manager: manager, Cookies: pending));
                callers.Add(new Caller($"{name} with second factor {where}", inside, role, Session: true, Manager: manager, Cookies: session));
            }
        }

        return callers;
    }

    /// <summary>Signs in through the real forms, keeping cookies by hand: the Cookie header after the password step, and after the code.</summary>
    private async Task<(string Pending, string Session, Guid Id)> SignInAsync(string role)
    {
        var name = "mx." + Guid.NewGuid().ToString("N")[..10];
        const string password = "a long matrix password";
        var account = await app.Service<StaffAccounts>().CreateAsync(Actor.System, name, password, role);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<string> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add(SafetyHost.PeerHeader, Inside);
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
