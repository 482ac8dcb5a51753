using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Server.Staff;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Host;

/// <summary>
/// Two real server processes on one throw-away PostgreSQL database behave as one system: a console session from one
/// works on the other and ends on both, a revoked token is refused by both within <see cref="ValidatedTokens.MaxAge"/>,
/// concurrent entries for one pair through both make one record, the audit chain stays one, and the scheduled work runs
/// on one server, moving to the other when it dies. An address refused sign-ins by one is refused by the other.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SeveralServersTests
{
    // Checkpoints every second, a lease of three: the scheduled work is seen moving within a test's patience.
    private static readonly string[] Schedule = ["--Audit:CheckpointInterval=00:00:01", "--Storage:SchedulerLease=00:00:03"];

    // Few sign-ins a minute, more than the session's two posts: the address is quickly refused.
    private const int SignInPermits = 4;
    private static readonly string[] Settings = [.. Schedule, $"--Staff:SignInPermitsPerMinute={SignInPermits}"];

    [Fact]
    public async Task Two_servers_on_one_database_share_sessions_entries_the_chain_and_the_scheduled_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var settings = await ServerSettings.CreateAsync("postgres");
        var (company, userName, revocable) = await SeedAsync(settings);
        var a = await ServerProcess.StartAsync(settings, ct, Settings);
        await using var b = await ServerProcess.StartAsync(settings, ct, Settings);
        try
        {
            await SessionAsync(a, b, userName, ct);
            await AddressLimitAsync(a, b, ct);
            await TokenAsync(settings, a, b, revocable, ct);
            await EntriesAsync(settings, a, b, company, ct);

            // The first server took the lease at its start; the second has signed nothing.
            await Until(() => Signed(a), TimeSpan.FromSeconds(10), ct);
            Assert.False(Signed(b), "both servers ran the scheduled checkpoint");

            await a.KillAsync();
            // Something new to sign, then the survivor takes the lease once it has run out and signs it.
            using var client = b.Client(settings.Token);
            using (await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"after.{Guid.NewGuid():N}@example.com"), ct))
            {
            }

            await Until(() => Signed(b), TimeSpan.FromSeconds(15), ct);
        }
        finally
        {
            await a.DisposeAsync();
        }

        await using var services = settings.Services();
        var verified = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken: ct);
        Assert.True(verified.Intact, verified.Problem);
    }

    /// <summary>Signed in on <paramref name="a"/>, the cookie opens <paramref name="b"/>; signed out everywhere on one, refused at once by the other.</summary>
    private static async Task SessionAsync(ServerProcess a, ServerProcess b, string userName, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        using var onA = Browser(a, cookies);
        using var onB = Browser(b, cookies);
        var codePage = await SafetyHost.SubmitPasswordAsync(onA, userName);
        var secret = Base32.Decode(TotpSecret().Match(codePage).Groups[1].Value)!;
        await SafetyHost.SubmitCodeAsync(onA, Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow())));

        using (var sessions = await onB.GetAsync("/api/v1/staff/me/sessions", ct))
        {
            Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        }

        using (var ended = await onA.PostAsync("/api/v1/staff/me/sessions/sign-out-everywhere", null, ct))
        {
            Assert.True(ended.IsSuccessStatusCode, $"sign-out everywhere answered {ended.StatusCode}");
        }

        // The session row decides on every request: no delay.
        using var refused = await onB.GetAsync("/api/v1/staff/me/sessions", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>Sign-in posts from one address on <paramref name="a"/> until refused: the next on <paramref name="b"/> is refused too, with Retry-After.</summary>
    private static async Task AddressLimitAsync(ServerProcess a, ServerProcess b, CancellationToken ct)
    {
        using var onA = Browser(a, new CookieContainer());
        using var onB = Browser(b, new CookieContainer());
        while (true)
        {
            var posts = 0;
            HttpResponseMessage refused;
            do
            {
                refused = await onA.PostAsync("/console/sign-in", new FormUrlEncodedContent([]), ct);
                Assert.True(++posts <= SignInPermits + 1, "server A never refused the address");
            }
            while (refused.StatusCode != HttpStatusCode.TooManyRequests);

            // So close to the window's end, the post to B might count in the next one: wait for that one and fill it.
            var left = refused.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("A refusal without Retry-After.");
            if (left > TimeSpan.FromSeconds(5))
            {
                break;
            }

            await Task.Delay(left + TimeSpan.FromSeconds(1), ct);
        }

        using var onBRefused = await onB.PostAsync("/console/sign-in", new FormUrlEncodedContent([]), ct);
        var problem = await onBRefused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("staff.sign-in-throttled", problem.Code());
        Assert.NotNull(onBRefused.Headers.RetryAfter?.Delta);
    }

    /// <summary>A token used on <paramref name="b"/>, revoked through <paramref name="a"/>'s database: refused by <paramref name="b"/> within the documented delay.</summary>
    private static async Task TokenAsync(ServerSettings settings, ServerProcess a, ServerProcess b, (Guid Id, string Secret) token, CancellationToken ct)
    {
        using var onB = b.Client(token.Secret);
        var read = $"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply";
        using (var accepted = await onB.GetAsync(read, ct))
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, accepted.StatusCode);
        }

        await using (var services = settings.Services())
        {
            Assert.True((await services.GetRequiredService<ApiTokens>().RevokeAsync(Actor.System, token.Id, ct)).Succeeded);
        }

        var revoked = Stopwatch.StartNew();
        using var onA = a.Client(token.Secret);
        using (var refusedByA = await onA.GetAsync(read, ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refusedByA.StatusCode);
        }

        await Until(async () => (await onB.GetAsync(read, ct)).StatusCode == HttpStatusCode.Unauthorized, ValidatedTokens.MaxAge + TimeSpan.FromSeconds(2), ct);
        Assert.True(revoked.Elapsed < ValidatedTokens.MaxAge + TimeSpan.FromSeconds(2));
    }

    /// <summary>The same entry sent eight times through each server at once: one provision record, one consent.</summary>
    private static async Task EntriesAsync(ServerSettings settings, ServerProcess a, ServerProcess b, Guid company, CancellationToken ct)
    {
        using var onA = a.Client(settings.Token);
        using var onB = b.Client(settings.Token);
        using var registered = await onA.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"pair.{Guid.NewGuid():N}@example.com"), ct);
        var person = (await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var body = new
        {
            personId = person,
            companyId = company,
            method = "api",
            policyVersion = "2023-06-09",
            evidence = new { channel = "job-site", ip = "203.0.113.7", userAgent = "test", textHash = new string('a', 64) },
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/v1/provision/entries", body, ct)));

        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Created);
        Assert.DoesNotContain(answers, r => (int)r.StatusCode >= 500);
        await using var services = settings.Services();
        await using var db = await services.GetRequiredService<IDbContextFactory<Custodian.Storage.CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Equal(1, await db.Set<ProvisionRecord>().CountAsync(r => r.PersonId == person && r.CompanyId == company, ct));
    }

    private static async Task<(Guid Company, string UserName, (Guid Id, string Secret) Revocable)> SeedAsync(ServerSettings settings)
    {
        await using var services = settings.Services();
        var registry = services.GetRequiredService<ClientCompanyRegistry>();
        var company = (await registry.RegisterAsync(Actor.System, "Two servers S.A.", "any", "MX")).Value!;
        await registry.RecordContractAsync(Actor.System, company.Id, new DateOnly(2024, 1, 1), "CT-2", new DateOnly(2099, 1, 1));
        var userName = "st." + Guid.NewGuid().ToString("N")[..10];
        Assert.True((await services.GetRequiredService<StaffAccounts>().CreateAsync(Actor.System, userName, SafetyHost.Password, RoleCatalogue.Administrator)).Succeeded);
        var token = (await services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, "revocable", CustodianApp.ServicePermissions, [])).Value!;
        return (company.Id, userName, (token.Token.Id, token.Secret));
    }

    private static HttpClient Browser(ServerProcess server, CookieContainer cookies)
    {
        // One cookie jar for both: cookies are per host, not per port, as a load balancer's one name would make them.
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");
        return client;
    }

    private static bool Signed(ServerProcess server) => server.Output.Any(l => l.Contains("Audit checkpoint signed", StringComparison.Ordinal));

    private static Task Until(Func<bool> condition, TimeSpan patience, CancellationToken ct) => Until(() => Task.FromResult(condition()), patience, ct);

    private static async Task Until(Func<Task<bool>> condition, TimeSpan patience, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < patience, $"not within {patience.TotalSeconds} s");
            await Task.Delay(200, ct);
        }
    }

    [GeneratedRegex("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<")]
    private static partial Regex TotpSecret();
}
