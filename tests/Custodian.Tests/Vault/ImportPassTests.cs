using System.Collections;
using Custodian.Cli.Vault;
using Custodian.Tests.Policy;

namespace Custodian.Tests.Vault;

/// <summary>The second pass trusts the first pass's check only for the file the first pass read.</summary>
public sealed class ImportPassTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("custodian-import-pass-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_file_changed_during_the_second_pass_stops_it_at_the_next_chunk_before_a_changed_row_is_handed_on()
    {
        var path = Path.Combine(_folder, "persons.csv");
        File.WriteAllLines(path, ["name,email", .. Enumerable.Range(0, 5000).Select(i => $"Candidate {i},candidate{i}@example.com")]);
        var options = new ImportOptions(new FileInfo(path), false, ",", "service-application", false, false);
        var pass = new ImportPass(null!, options, ColumnMap.None, PolicyFilesTests.Load("leverages-career-mexico"));
        pass.RememberFile();
        var handedOn = 0;

        var stopped = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var row in pass.FreshRows(new BitArray(5000)))
            {
                if (handedOn++ == 0)
                {
                    // Past the first chunk the file is another: as if the operator fixed a row while the import ran.
                    File.AppendAllLines(path, ["Intruder,intruder@example.com"]);
                    File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
                }
            }
        });

        Assert.Equal(4096, handedOn);
        Assert.Contains("changed after it was checked", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unchanged_file_is_handed_on_whole_without_its_skipped_rows()
    {
        var path = Path.Combine(_folder, "persons.csv");
        File.WriteAllLines(path, ["name,email", .. Enumerable.Range(0, 5000).Select(i => $"Candidate {i},candidate{i}@example.com")]);
        var options = new ImportOptions(new FileInfo(path), false, ",", "service-application", false, false);
        var pass = new ImportPass(null!, options, ColumnMap.None, PolicyFilesTests.Load("leverages-career-mexico"));
        pass.RememberFile();
        var skipped = new BitArray(5000) { [0] = true, [4999] = true };

        var rows = pass.FreshRows(skipped).ToList();

        Assert.Equal(4998, rows.Count);
        Assert.Equal(1, rows[0].Ordinal);
        Assert.Equal(4998, rows[^1].Ordinal);
    }
}
