using System.Globalization;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Vault;

/// <summary>
/// <c>custodian import</c> killed (SIGKILL) after its first transactions and run again on the same file: the rerun
/// registers only the rest, says how many it skipped, and the total is the file's, with nobody registered twice.
/// </summary>
public sealed class ImportCrashTests
{
    private const int Rows = 20_000;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_import_killed_midway_and_run_again_registers_everyone_once(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var csv = Path.Combine(database.Directory, "persons.csv");
        await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", .. Enumerable.Range(0, Rows).Select(Row)], ct);

        using (var first = CustodianProcess.Start(database.Options.PostgresConnectionString, "import", "--input", csv, "--data", database.Directory))
        {
            first.OutputDataReceived += (_, _) => { };
            first.ErrorDataReceived += (_, _) => { };
            first.BeginOutputReadLine();
            first.BeginErrorReadLine();
            while (await CountAsync(database, ct) == 0)
            {
                Assert.False(first.HasExited, "the import ended before any of its transactions could be seen");
                await Task.Delay(5, ct);
            }

            Assert.False(first.HasExited, "the import ended before it could be killed");
            first.Kill(entireProcessTree: false);
            await first.WaitForExitAsync(ct);
        }

        var committed = await CountAsync(database, ct);
        Assert.InRange(committed, 1, Rows - 1);

        var (exit, output, error) = await CustodianProcess.RunAsync(database.Options.PostgresConnectionString, "import", "--input", csv, "--data", database.Directory);

        Assert.True(exit == 0, error);
        Assert.Contains($"resuming after line {committed + 1}: {committed} persons already imported", output, StringComparison.Ordinal);
        Assert.Contains($"imported {Rows - committed} persons, skipped {committed} duplicates", output, StringComparison.Ordinal);
        Assert.Equal(Rows, await CountAsync(database, ct));
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        // One e-mail and one telephone digest per person, none twice: nobody was registered a second time.
        Assert.Equal(2 * Rows, await db.Set<BlindIndex>().CountAsync(ct));
        Assert.Equal(2 * Rows, await db.Set<BlindIndex>().Select(b => new { b.Kind, b.Digest }).Distinct().CountAsync(ct));
        var (verified, verification, _) = await CustodianProcess.RunAsync(database.Options.PostgresConnectionString, "audit", "verify", "--data", database.Directory);
        Assert.True(verified == 0, verification);
        Assert.StartsWith($"intact: {Rows} events", verification, StringComparison.Ordinal);
    }

    private static string Row(int i) => string.Create(CultureInfo.InvariantCulture, $"Person {i},crash{i}@example.com,+52 442 {i:0000000},1990-01-01");

    private static async Task<int> CountAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        await using var db = await database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Person>().CountAsync(cancellationToken);
    }
}
