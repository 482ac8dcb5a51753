using System.Diagnostics;
using Custodian.Audit;
using Custodian.Benchmarks.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Benchmarks.Audit;

/// <summary>Writes a valid chain of N events straight into SQLite, then times <see cref="AuditVerifier"/> over it.</summary>
internal static class AuditVerifyLoad
{
    public static async Task RunAsync(int count)
    {
        await using var host = await BenchHost.StartAsync();
        // Before the chain is filled: the key is created only for a database that holds nothing yet.
        var verifier = host.Get<AuditVerifier>();
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            Fill(connection, count);
            // A log at rest: its pages are in the database file, not in a freshly written WAL.
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        if (Environment.GetEnvironmentVariable("BENCH_WARM") is not null)
        {
            await verifier.VerifyAsync();
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var result = await verifier.VerifyAsync();
        stopwatch.Stop();
        // The machine is shared: CPU per event is the figure that other processes do not move.
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (!result.Intact || result.Count != count)
        {
            throw new InvalidOperationException($"verification failed: {result.Problem}");
        }

        Console.WriteLine("| events | verify time | events/s | CPU per event |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| {count:N0} | {stopwatch.Elapsed.TotalSeconds:F2} s | {count / stopwatch.Elapsed.TotalSeconds:N0} | {cpu.TotalMicroseconds / count:F2} µs |");
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") is { Length: > 0 } keep)
        {
            // The same chain for timing the command itself: `custodian audit verify --data <keep>`.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            CopyDirectory(host.Directory, keep);
            Console.WriteLine($"chain kept in {keep}");
        }
    }

    private static void Fill(SqliteConnection connection, int count)
    {
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO audit_events ("Seq","At","Type","Outcome","Actor","PersonId","Purpose","Items","Reason","Subject","PrevHash","Hash")
            VALUES ($seq,$at,1001,0,$actor,$person,'service.apply','name,email,telephone',NULL,NULL,$prev,$hash)
            """;
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var actor = insert.Parameters.Add("$actor", SqliteType.Text);
        var person = insert.Parameters.Add("$person", SqliteType.Text);
        var prevParameter = insert.Parameters.Add("$prev", SqliteType.Blob);
        var hashParameter = insert.Parameters.Add("$hash", SqliteType.Blob);
        insert.Prepare();
        var prev = AuditHash.Genesis;
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var staff = "staff:" + Guid.CreateVersion7();
        for (long i = 1; i <= count; i++)
        {
            var e = new AuditEvent
            {
                Seq = i, At = start.AddMilliseconds(i), Type = AuditEventType.PersonRead, Outcome = AuditOutcome.Allowed, Actor = staff,
                PersonId = Guid.CreateVersion7(), Purpose = "service.apply", Items = "name,email,telephone",
            };
            var hash = AuditHash.Compute(e, prev);
            seq.Value = i;
            at.Value = e.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            actor.Value = staff;
            person.Value = e.PersonId.ToString()!.ToUpperInvariant();
            prevParameter.Value = prev;
            hashParameter.Value = hash;
            insert.ExecuteNonQuery();
            prev = hash;
        }

        tx.Commit();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in System.IO.Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            System.IO.Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
