using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using static Custodian.Benchmarks.Support.Timings;

namespace Custodian.Benchmarks.StaffConsole;

/// <summary>
/// <c>console dashboard [persons] [requests]</c>: the home page rendered for a privacy officer over 100,000 persons and
/// 10,000 open requests (target &lt; 100 ms). <c>console persons [persons]</c>: pages of the person list at 1,000,000
/// persons, first, deep (by cursor) and filtered by a rare state (target &lt; 50 ms). SQLite; the whole page over the
/// in-memory test server, signed in through the real forms. Persons are seeded as rows (ids and clear columns only:
/// the list never decrypts), so a million take seconds, not the vault's hours.
/// </summary>
internal static partial class ConsoleLoad
{
    public static async Task RunAsync(string[] args)
    {
        var what = args.ElementAtOrDefault(1) ?? "dashboard";
        var persons = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : what == "persons" ? 1_000_000 : 100_000;
        var requests = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
        await using var server = new BenchServer();
        _ = server.Services; // starts the server, which migrates the new database
        var clock = Stopwatch.StartNew();
        await SeedPersonsAsync(server.DataDirectory, persons);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {persons:N0} persons in {clock.Elapsed.TotalSeconds:F1} s"));
        if (what == "dashboard")
        {
            await SeedRequestsAsync(server, requests);
        }

        var client = await SignInAsync(server, RoleCatalogue.PrivacyOfficer);
        if (what == "dashboard")
        {
            var html = await client.GetStringAsync("/console");
            Console.WriteLine($"dashboard shows {OpenFigure().Match(html).Groups[1].Value} open requests");
            Report($"dashboard /console, {persons:N0} persons, {requests:N0} open requests (sqlite)", await TimeAsync(30, () => client.GetStringAsync("/console")));
            await BreakdownAsync(server, client);
            return;
        }

        var first = await client.GetStringAsync("/console/persons/list");
        Console.WriteLine($"first page lists {RowCount().Matches(first).Count} persons");
        Report($"person list, first page, {persons:N0} persons (sqlite)", await TimeAsync(30, () => client.GetStringAsync("/console/persons/list")));
        // Deep in the list: follow the next-page links 200 pages (10,000 persons) down, then time that page.
        var deep = "/console/persons/list";
        for (var i = 0; i < 200; i++)
        {
            deep = "/" + WebUtility.HtmlDecode(NextLink().Match(await client.GetStringAsync(deep)).Groups[1].Value);
        }

        Report($"person list, page 201 by cursor, {persons:N0} persons (sqlite)", await TimeAsync(30, () => client.GetStringAsync(deep)));
        Report($"person list, state erased (rare), {persons:N0} persons (sqlite)", await TimeAsync(30, () => client.GetStringAsync("/console/persons/list?state=erased")));
        Report($"person list, channel and registered-from filters, {persons:N0} persons (sqlite)",
            await TimeAsync(30, () => client.GetStringAsync("/console/persons/list?channel=service-application&from=2025-01-01")));
    }

    /// <summary>In the same run: a console page that queries nothing, and each section's query alone.</summary>
    private static async Task BreakdownAsync(BenchServer server, HttpClient client)
    {
        Report("  baseline: /console/persons (a form, no query)", await TimeAsync(30, () => client.GetStringAsync("/console/persons")));
        var queries = server.Services.GetRequiredService<Custodian.Server.StaffConsole.DashboardQueries>();
        var actor = new Actor(ActorKind.Staff, Guid.NewGuid(), RoleCatalogue.PrivacyOfficer);
        var figures = server.Services.GetRequiredService<Custodian.Server.StaffConsole.RetentionFigure>();
        Report("  retention figure as the page reads it", await TimeAsync(30, async () => (await figures.DueAsync(default)).ToString()));
        var requests = server.Services.GetRequiredService<Custodian.Server.StaffConsole.RequestsFigure>();
        Report("  requests figures as the page reads them (counted at most every 30 s)", await TimeAsync(30, async () => (await requests.FiguresAsync(default)).ToString()));
        Report("  requests figures, uncached", await TimeAsync(30, async () => (await queries.RequestsAsync(default)).ToString()));
        Report("  inquiries", await TimeAsync(30, async () => (await queries.UnansweredInquiriesAsync(default)).ToString()));
        Report("  provision approvals", await TimeAsync(30, async () => (await queries.ProvisionAwaitingApprovalAsync(default)).ToString()));
        Report("  device approvals", await TimeAsync(30, async () => (await queries.DevicesAwaitingApprovalAsync(actor, default)).ToString()));
        var reviews = server.Services.GetRequiredService<AccessReviews>();
        Report("  access reviews overdue", await TimeAsync(30, async () => (await reviews.OverdueAsync(actor, default)).Count.ToString(CultureInfo.InvariantCulture)));
        var retention = server.Services.GetRequiredService<Custodian.Retention.DisposalRun>();
        Report("  retention due, uncached (the page counts it at most every 10 minutes)", await TimeAsync(30, async () => (await retention.DueAsync(30, default)).Count.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Rows as the vault writes them (Guid as upper-case text, instants as EF's text), one per second of registration.</summary>
    private static async Task SeedPersonsAsync(string dataDirectory, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "custodian.db")}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO vault_persons (Id, PolicyId, PolicyVersion, Channel, State, ProvisionStopped, RegisteredAt, UpdatedAt, Sealed, ItemIds, Version)
            VALUES ($id, 'leverages-career-mexico', '2023-06-09', $channel, $state, 0, $at, $at, NULL, 'name,email', 1)
            """;
        var (id, channel, state, at) = (command.Parameters.Add("$id", SqliteType.Text), command.Parameters.Add("$channel", SqliteType.Text),
            command.Parameters.Add("$state", SqliteType.Integer), command.Parameters.Add("$at", SqliteType.Text));
        command.Prepare();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var registered = start.AddSeconds(i * 60L);
            id.Value = Guid.CreateVersion7(registered).ToString().ToUpperInvariant();
            channel.Value = i % 5 == 0 ? "contact-form" : "service-application";
            // One in a thousand erased: a rare state, whose page must not walk the active persons.
            state.Value = i % 1000 == 999 ? 3 : 0;
            at.Value = registered.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SeedRequestsAsync(BenchServer server, int count)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<CustodianDb>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var random = new Random(7);
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            db.Add(new DataRequest
            {
                Id = Guid.CreateVersion7(), Reference = $"R-B{i:D7}", SecretHash = [1], PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09",
                Type = i % 4 == 0 ? "correction" : "disclosure", PersonId = Guid.NewGuid(), Channel = "api", Language = "en",
                State = (RequestState)random.Next(1, 4), ReceivedAt = now.AddDays(-20), UpdatedAt = now,
                ClockStartedAt = now.AddDays(-10), DueOn = today.AddDays(random.Next(-15, 25)),
                PausedSince = i % 20 == 0 ? now : null, KeyId = "k", WrappedKey = [1],
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A new account of <paramref name="role"/>, signed in through the password and TOTP forms.</summary>
    private static async Task<HttpClient> SignInAsync(BenchServer server, string role)
    {
        const string password = "a long benchmark password";
        var name = "bench." + Guid.NewGuid().ToString("N")[..8];
        var created = await server.Services.GetRequiredService<StaffAccounts>().CreateAsync(Actor.System, name, password, role);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(created.Failure!.Detail);
        }

        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var codePage = await PostFormAsync(client, "/console/sign-in", "sign-in", ("Input.UserName", name), ("Input.Password", password));
        var secret = Base32.Decode(TotpSecret().Match(codePage).Groups[1].Value)
            ?? throw new InvalidOperationException("The sign-in did not reach the enrolment page.");
        await PostFormAsync(client, "/console/sign-in/code", "sign-in-code", ("Input.Code", Totp.Code(secret, Totp.StepAt(TimeProvider.System.GetUtcNow()))));
        return client;
    }

    private static async Task<string> PostFormAsync(HttpClient client, string page, string formName, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryToken().Match(await client.GetStringAsync(page)).Groups[1].Value;
        var values = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", token) };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var response = await client.PostAsync(page, new FormUrlEncodedContent(values));
        return await response.Content.ReadAsStringAsync();
    }



    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("id=\"totp-secret\"[^>]*>([A-Z2-7]+)<")]
    private static partial Regex TotpSecret();

    [GeneratedRegex("data-figure=\"open\">(\\d+)<")]
    private static partial Regex OpenFigure();

    [GeneratedRegex("<tr data-person=")]
    private static partial Regex RowCount();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    /// <summary>The server over a data folder of its own, migrated at start; the test client reaches it in memory.</summary>
    private sealed class BenchServer : WebApplicationFactory<Program>
    {
        // The factory looks for the server's project folder beside a solution file; the benchmark runs from its own
        // output folder, which holds what the server reads (policies beside the binaries).
        public BenchServer() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CUSTODIAN_SERVER", AppContext.BaseDirectory);

        public string DataDirectory { get; } = Directory.CreateTempSubdirectory("custodian-bench-console-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Storage:DataDirectory", DataDirectory);
            builder.UseSetting("CUSTODIAN_ADMIN_PASSWORD", "benchmark administrator password");
            builder.UseSetting("Host:PublicOrigins:0", "http://localhost");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
