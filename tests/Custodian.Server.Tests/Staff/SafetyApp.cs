using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Staff;

/// <summary>
/// The server behind a trusted proxy at 10.0.0.1. The test peer's address comes from X-Test-Peer, set before the
/// forwarded-headers step, as a socket's address would be.
/// </summary>
internal static class SafetyHost
{
    public const string TrustedProxy = "10.0.0.1";
    public const string PeerHeader = "X-Test-Peer";
    public static readonly string[] ExtraRoles = ["viewer", "trainee", "field-worker", "remote", "console-role"];

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Staff:TrustedProxies:0", TrustedProxy);
        builder.UseSetting("Staff:SignInPermitsPerMinute", "6");
        // Roles of the operator's own, as Staff:Roles adds them: each test that changes a role's rules has one to itself.
        foreach (var role in ExtraRoles)
        {
            builder.UseSetting($"Staff:Roles:{role}:Realm", "Staff");
            builder.UseSetting($"Staff:Roles:{role}:Permissions:0", "persons.read");
            builder.UseSetting($"Staff:Roles:{role}:Permissions:1", "persons.search");
            builder.UseSetting($"Staff:Roles:{role}:Permissions:2", "account.self");
        }
        ConfigurePeer(builder);
    }

    /// <summary>Only the test peer's address from <see cref="PeerHeader"/>; no proxy is trusted.</summary>
    public static void ConfigurePeer(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFilter>());

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? "127.0.0.1");
                return following(context);
            });
            next(app);
        };
    }

    /// <summary>A console session of a new account, signed in through the real forms from <paramref name="peer"/>.</summary>
    public static async Task<(HttpClient Client, Guid Id)> SignInAsync(CustodianApp app, string role, string peer)
    {
        var signedIn = await SignInNewAsync(app, role, peer);
        return (signedIn.Client, signedIn.Id);
    }

    public const string Password = "a long staff password";

    /// <summary>
    /// As above, with what later sign-ins of the account need: its name, TOTP secret and recovery codes. <paramref name="prepare"/>
    /// runs on the new account before its first sign-in (what its session is to carry).
    /// </summary>
    public static async Task<SignedIn> SignInNewAsync(CustodianApp app, string role, string peer, Func<Guid, Task>? prepare = null)
    {
        var name = "st." + Guid.NewGuid().ToString("N")[..10];
        var account = await app.Service<StaffAccounts>().CreateAsync(Actor.System, name, Password, role);
        if (prepare is not null)
        {
            await prepare(account.Value!.Id);
        }

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        // As a browser on the console's own pages sends it: cookie-authenticated changes are refused without it.
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var codePage = await SubmitPasswordAsync(client, name);
        var secret = Base32.Decode(Regex.Match(codePage, "id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").Groups[1].Value)!;
        var done = await SubmitCodeAsync(client, CodeNow(app, secret));
        // The first sign-in ends on the page that shows the recovery codes, once.
        var codes = Regex.Matches(done, "<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(RecoveryCodes.Count, codes.Count);
        return new SignedIn(client, account.Value!.Id, name, secret, codes);
    }

    /// <summary>The TOTP code of the server's clock, <paramref name="steps"/> steps ahead.</summary>
    public static string CodeNow(CustodianApp app, byte[] secret, int steps = 0) =>
        Totp.Code(secret, Totp.StepAt(app.Service<TimeProvider>().GetUtcNow()) + steps);

    public static async Task<string> SubmitPasswordAsync(HttpClient client, string name)
    {
        var signIn = await client.PostAsync("/console/sign-in", await FormAsync(client, "/console/sign-in", "sign-in", ("Input.UserName", name), ("Input.Password", Password)));
        return await signIn.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the second step; returns the page it ends on.</summary>
    public static async Task<string> SubmitCodeAsync(HttpClient client, string code)
    {
        var done = await client.PostAsync("/console/sign-in/code", await FormAsync(client, "/console/sign-in/code", "sign-in-code", ("Input.Code", code)));
        return await done.Content.ReadAsStringAsync();
    }

    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string page, string formName, params (string, string)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var values = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", token) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        return new FormUrlEncodedContent(values);
    }

    public static async Task<Guid> RegisterAsync(CustodianApp app)
    {
        var client = await app.ClientWithTokenAsync();
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"safe-{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

internal sealed record SignedIn(HttpClient Client, Guid Id, string UserName, byte[] Secret, IReadOnlyList<string> RecoveryCodes);

public sealed class SafetySqliteApp : CustodianApp
{
    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SafetyHost.Configure(builder);
    }
}

public sealed class SafetyPostgresApp : CustodianApp
{
    private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "postgres";

    protected override string PostgresConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = _database }.ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SafetyHost.Configure(builder);
    }

    public override async ValueTask InitializeAsync()
    {
        await using (var connection = new Npgsql.NpgsqlConnection(PostgresApp.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {_database}";
            await command.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }
}
