using System.Diagnostics;
using System.Globalization;
using Custodian.Audit;
using Custodian.Benchmarks.Support;
using Custodian.Calendars;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Requests.Letters;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using static Custodian.Benchmarks.Support.Timings;

namespace Custodian.Benchmarks.Requests;

/// <summary>
/// <c>requests dashboard [sqlite|postgres]</c>: the due figures over 10,000 open requests (target &lt; 100 ms).
/// <c>requests disclosure [sqlite|postgres] [persons]</c>: the PDF letter and the zip for one person among 100,000 (target &lt; 300 ms).
/// PostgreSQL uses CUSTODIAN_BENCH_POSTGRES (an admin connection string; a fresh database is created).
/// </summary>
internal static class RequestsLoad
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary><c>requests dashboard|disclosure [sqlite|postgres] [persons]</c>.</summary>
    public static Task RunAsync(string[] args) => args.ElementAtOrDefault(1) switch
    {
        "dashboard" => DashboardAsync(args.ElementAtOrDefault(2) ?? "sqlite"),
        _ => DisclosureAsync(args.ElementAtOrDefault(2) ?? "sqlite", args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100_000),
    };

    public static async Task DashboardAsync(string provider)
    {
        await using var services = await StartAsync(provider);
        var factory = services.GetRequiredService<IDbContextFactory<CustodianDb>>();
        var today = DateOnly.FromDateTime(Now);
        var random = new Random(7);
        await using (var db = await factory.CreateDbContextAsync())
        {
            for (var i = 0; i < 10_000; i++)
            {
                var id = Guid.CreateVersion7();
                db.Add(new DataRequest
                {
                    Id = id, Reference = $"R-B{i:D7}", SecretHash = [1], PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09",
                    Type = "disclosure", PersonId = Guid.NewGuid(), Channel = "api", Language = "en",
                    State = (RequestState)random.Next(1, 4), ReceivedAt = Now.AddDays(-20), UpdatedAt = Now,
                    ClockStartedAt = Now.AddDays(-10), DueOn = today.AddDays(random.Next(-15, 25)),
                    PausedSince = i % 20 == 0 ? Now : null, KeyId = "k", WrappedKey = [1],
                });
            }

            await db.SaveChangesAsync();
        }

        var queries = services.GetRequiredService<RequestQueries>();
        var figures = await queries.DueAsync();
        Report($"dashboard over 10,000 open requests ({provider}; open {figures.Value!.Open}, overdue {figures.Value.Overdue})", await TimeAsync(20, () => queries.DueAsync()));
    }

    public static async Task DisclosureAsync(string provider, int persons)
    {
        await using var services = await StartAsync(provider);
        var vault = services.GetRequiredService<PersonVault>();
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < persons; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, persons - start)).Select(SyntheticPersons.Registration).ToList();
            var done = await vault.RegisterManyAsync(Actor.System, batch);
            if (!done.Succeeded)
            {
                throw new InvalidOperationException(done.Failure!.Detail);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registered {persons} persons in {clock.Elapsed.TotalSeconds:F1} s"));
        Guid personId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            personId = await db.Set<Person>().OrderBy(p => p.Id).Skip(persons / 2).Select(p => p.Id).FirstAsync();
        }

        var receipt = await services.GetRequiredService<RequestIntake>().SubmitAsync(Actor.System, new Intake("disclosure", Requester.Person, "api", "ja", personId,
            new RequestForm { PersonName = "Candidate", MailingAddress = "Calle 1, Querétaro" }));
        var requestId = receipt.Value!.Id;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            var request = await db.Set<DataRequest>().FirstAsync(r => r.Id == requestId);
            (request.State, request.RespondedAt) = (RequestState.Fulfilled, Now);
            await db.SaveChangesAsync();
        }

        var letters = services.GetRequiredService<LetterWriter>();
        Report($"disclosure PDF letter, one person among {persons} ({provider})", await TimeAsync(20, () => letters.LetterAsync(Actor.System, requestId)));
        Report($"disclosure zip, one person among {persons} ({provider})", await TimeAsync(20, () => letters.ArchiveAsync(Actor.System, requestId)));
        Report($"PDF + zip together ({provider})", await TimeAsync(20, async () =>
        {
            await letters.LetterAsync(Actor.System, requestId);
            return await letters.ArchiveAsync(Actor.System, requestId);
        }));
    }



    private static async Task<ServiceProvider> StartAsync(string provider)
    {
        var directory = Directory.CreateTempSubdirectory("custodian-bench-requests-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory };
        if (provider == "postgres")
        {
            settings["Storage:PostgresConnectionString"] = await BenchHost.NewPostgresDatabaseAsync();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration).AddPolicy(configuration).AddAudit(configuration).AddVault()
            .AddCalendars(configuration).AddRequests(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return services;
    }
}
