using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Vault;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ErasureLedgerTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private ErasureLedger Ledger(Custodian.Vault.Keys.IKeyProvider? keys = null) => new(Options.Create(_db.Options), keys ?? _db.Keys);

    private string FilePath => ErasureLedger.PathIn(_db.Directory);

    [Fact]
    public async Task The_ledger_reads_back_every_id_in_order_and_is_its_owners_alone()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        await Ledger().RecordAsync(ids[..2], TestContext.Current.CancellationToken);
        await Ledger().RecordAsync(ids[2..], TestContext.Current.CancellationToken);

        Assert.Equal(ids, Ledger().Read());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
    }

    public static TheoryData<string> Edits => ["changed id", "removed line", "swapped lines", "another key"];

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_edited_ledger_is_found_and_named_by_line(string edit)
    {
        await Ledger().RecordAsync([Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], TestContext.Current.CancellationToken);
        var lines = File.ReadAllLines(FilePath).ToList();
        var reader = Ledger();
        switch (edit)
        {
            case "changed id":
                lines[2] = Guid.NewGuid().ToString("N") + lines[2][32..];
                break;
            case "removed line":
                lines.RemoveAt(2);
                break;
            case "swapped lines":
                (lines[2], lines[3]) = (lines[3], lines[2]);
                break;
            default:
                using (var other = new TestDatabase())
                {
                    reader = new ErasureLedger(Options.Create(_db.Options), other.Keys);
                }

                break;
        }

        File.WriteAllLines(FilePath, lines);

        var error = Assert.Throws<ErasureLedgerException>(reader.Read);
        Assert.Contains(edit == "another key" ? "at line 2" : "at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_torn_by_a_crash_is_left_out_and_the_next_append_goes_on_from_the_line_before()
    {
        var first = Guid.NewGuid();
        var next = Guid.NewGuid();
        await Ledger().RecordAsync([first], TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(FilePath, Guid.NewGuid().ToString("N")[..20], TestContext.Current.CancellationToken);

        Assert.Equal([first], Ledger().Read());
        await Ledger().RecordAsync([next], TestContext.Current.CancellationToken);
        Assert.Equal([first, next], Ledger().Read());
    }

    [Fact]
    public async Task A_command_refuses_to_start_on_an_edited_ledger_with_one_line()
    {
        var data = Directory.CreateTempSubdirectory("custodian-ledger-").FullName;
        try
        {
            var csv = Path.Combine(data, "one.csv");
            await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04"], TestContext.Current.CancellationToken);
            Assert.Equal(0, (await CustodianCli.RunAsync("import", "--input", csv, "--data", data)).Exit);
            var path = ErasureLedger.PathIn(data);
            await File.WriteAllLinesAsync(path, ["custodian erasure ledger v1", Guid.NewGuid().ToString("N") + " " + new string('0', 64)], TestContext.Current.CancellationToken);

            var (exit, _, error) = await CustodianCli.RunAsync("audit", "verify", "--data", data);

            Assert.Equal(1, exit);
            Assert.Single(error.TrimEnd().Split('\n'));
            Assert.Contains("erasure ledger", error, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    public void Dispose() => _db.Dispose();
}
