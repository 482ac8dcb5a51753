using System.Diagnostics;
using System.Globalization;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Incidents.Affected;
using Custodian.Policy;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Benchmarks.Incidents;

/// <summary>
/// <c>incidents-affected [events]</c>: a year's SQLite chain of N events (10 million by default) by many actors, built once
/// and kept under the bench output (<c>affected-chain-N/</c>, a data folder the command line opens with <c>--data</c>),
/// then the affected-persons query timed for a typical staff account and for the busiest service token, over one month.
/// The rows are written straight into the table with filler hashes: verification is not what is measured, so this
/// chain does not verify. Actors and persons are spread as a real year's are: 400 staff accounts and 50 tokens share
/// 90% of the events, one bulk service token has the other 10%, over a million persons.
/// </summary>
internal static class AffectedLoad
{
    private const int Staff = 400;
    private const int Tokens = 50;
    private const int Persons = 1_000_000;
    private static readonly DateTime YearStart = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(int count)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, $"affected-chain-{count}");
        var complete = Path.Combine(directory, "complete");
        if (!File.Exists(complete))
        {
            var build = Stopwatch.StartNew();
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            await BuildAsync(directory, count);
            await File.WriteAllTextAsync(complete, TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            Console.WriteLine($"built {count:N0} events in {build.Elapsed.TotalSeconds:F0} s into {directory}");
        }

        var actors = await File.ReadAllLinesAsync(Path.Combine(directory, "actors.txt"));
        await using var services = Services(directory);
        var affected = services.GetRequiredService<AffectedPersons>();
        Console.WriteLine("| actor | events in the chain | persons found | events used | first query (cold) | next 5, median | CPU, median |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var actor in actors)
        {
            var times = new List<double>();
            var cpus = new List<double>();
            AffectedList? list = null;
            for (var run = 0; run < 6; run++)
            {
                // The machine is shared: CPU time is the figure other processes move least.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                var found = await affected.FindAsync(Actor.System, actor, "2026-06-01", "2026-07-01");
                times.Add(stopwatch.Elapsed.TotalSeconds);
                cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                list = found.Value ?? throw new InvalidOperationException(found.Failure!.Detail);
            }

            var warm = times.Skip(1).Order().ElementAt(2);
            var warmCpu = cpus.Skip(1).Order().ElementAt(2);
            Console.WriteLine($"| {actor[..actor.IndexOf(':', StringComparison.Ordinal)]} | {count:N0} | {list!.Persons.Count:N0} | {list.Persons.Sum(p => p.Events):N0} | {times[0]:F3} s | {warm:F3} s | {warmCpu:F3} s |");
        }

        Console.WriteLine($"whole command: time ./custodian incidents affected --data {directory} --actor {actors[0]} --from 2026-06-01 --to 2026-07-01 --output /tmp/affected.csv");
    }

    private static ServiceProvider Services(string directory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Storage:DataDirectory", directory)]).Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddIncidentAffected()
            .BuildServiceProvider();
    }

    private static async Task BuildAsync(string directory, int count)
    {
        // Private, as the command line requires of a data folder.
        Custodian.Storage.DataFolder.Prepare(directory);
        await using var services = Services(directory);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        // The key file, as a first start makes it, so that the command line opens this folder.
        services.GetRequiredService<KeyBootstrap>().EnsureChecked();
        var random = new Random(2026);
        var staff = Enumerable.Range(0, Staff).Select(_ => Guid.NewGuid()).ToArray();
        var tokens = Enumerable.Range(0, Tokens + 1).Select(_ => Guid.NewGuid()).ToArray();
        await using (var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            db.AddRange(staff.Select((id, i) => new StaffAccount { Id = id, UserName = $"staff{i}", Role = "recruiter", CreatedAt = YearStart, UpdatedAt = YearStart }));
            db.AddRange(tokens.Select((id, i) => new ApiToken { Id = id, Name = $"service {i}", SecretHash = Guid.NewGuid().ToByteArray(), CreatedAt = YearStart }));
            await db.SaveChangesAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            Fill(connection, count, staff, tokens, random);
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, "actors.txt"), [$"staff:{staff[0]}", $"token:{tokens[^1]}"]);
        SqliteConnection.ClearAllPools();
    }

    private static void Fill(SqliteConnection connection, int count, Guid[] staff, Guid[] tokens, Random random)
    {
        Execute(connection, "PRAGMA cache_size = -1000000");
        // Indexes built once after the rows, sorted, rather than kept up to date through ten million random inserts.
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        indexes.ForEach(i => Execute(connection, $"DROP INDEX \"{i.Name}\""));
        var actors = staff.Select(s => $"staff:{s}").Concat(tokens[..^1].Select(t => $"token:{t}")).ToArray();
        var bulk = $"token:{tokens[^1]}";
        var persons = Enumerable.Range(0, Persons).Select(_ => Guid.NewGuid().ToString().ToUpperInvariant()).ToArray();
        var filler = new byte[32];
        var step = TimeSpan.FromDays(365).Ticks / count;
        using (var tx = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO audit_events ("Seq","At","Type","Outcome","Actor","PersonId","Purpose","Items","Reason","Subject","PrevHash","Hash")
                VALUES ($seq,$at,$type,$outcome,$actor,$person,'service.apply',$items,NULL,NULL,$hash,$hash)
                """;
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var type = insert.Parameters.Add("$type", SqliteType.Integer);
            var outcome = insert.Parameters.Add("$outcome", SqliteType.Integer);
            var actor = insert.Parameters.Add("$actor", SqliteType.Text);
            var person = insert.Parameters.Add("$person", SqliteType.Text);
            var items = insert.Parameters.Add("$items", SqliteType.Text);
            insert.Parameters.Add("$hash", SqliteType.Blob).Value = filler;
            insert.Prepare();
            for (long i = 1; i <= count; i++)
            {
                var kind = random.Next(100);
                seq.Value = i;
                at.Value = YearStart.AddTicks(i * step).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                // Mostly reads; some exports, provisions and look-ups; a few refusals and writes.
                type.Value = (int)(kind switch
                {
                    < 70 => AuditEventType.PersonRead,
                    < 78 => AuditEventType.PersonExported,
                    < 84 => AuditEventType.PersonProvided,
                    < 90 => AuditEventType.PersonLookedUp,
                    < 95 => AuditEventType.PersonCorrected,
                    _ => AuditEventType.ConsentGiven,
                });
                outcome.Value = random.Next(50) == 0 ? 1 : 0;
                actor.Value = random.Next(10) == 0 ? bulk : actors[random.Next(actors.Length)];
                person.Value = persons[random.Next(persons.Length)];
                items.Value = kind < 84 ? "name,email,telephone" : kind < 90 ? "email" : "work-history";
                insert.ExecuteNonQuery();
                if (i % 1_000_000 == 0)
                {
                    Console.WriteLine($"  {i:N0} events written");
                }
            }

            tx.Commit();
        }

        indexes.ForEach(i => Execute(connection, i.Sql));
        // A chain at rest: its pages in the database file, not in a freshly written WAL.
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
