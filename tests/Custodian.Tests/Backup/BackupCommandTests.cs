using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Backup;

/// <summary><c>custodian backup create|restore</c> as an operator runs them, and the backups they refuse (issue 19's bad input).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("custodian-backup-cli-").FullName;

    private string Data => Path.Combine(_root, "data");
    private string Target => Path.Combine(_root, "restored");
    private string PathOf(string name) => Path.Combine(_root, name);

    private async Task<string> BackUpAsync(string data, int persons = 3)
    {
        var csv = PathOf($"persons-{Guid.NewGuid():N}.csv");
        await System.IO.File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", .. Enumerable.Range(0, persons).Select(i => $"Person {i},p{i}@example.com,+52 442 000 {i:0000},1990-01-01")], TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CustodianCli.RunAsync("import", "--input", csv, "--data", data)).Exit);
        var backup = PathOf($"backup-{Guid.NewGuid():N}.cbk");
        var (exit, output, error) = await CustodianCli.RunAsync("backup", "create", "--output", backup, "--data", data);
        Assert.True(exit == 0, error);
        Assert.Contains($"audit chain to event {persons}", output, StringComparison.Ordinal);
        return backup;
    }

    /// <summary>A data folder holding only the installation's key folder, as the procedure asks before a restore.</summary>
    private void PrepareTarget(string keysOf)
    {
        Directory.CreateDirectory(Path.Combine(Target, "keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        System.IO.File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.GetFiles(Path.Combine(keysOf, "keys")))
        {
            System.IO.File.Copy(file, Path.Combine(Target, "keys", Path.GetFileName(file)));
        }
    }

    private static SortedDictionary<string, string> Snapshot(string folder) => new(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    [Fact]
    public async Task A_backup_restored_into_a_folder_holding_the_key_folder_verifies_as_restored()
    {
        var backup = await BackUpAsync(Data);
        PrepareTarget(keysOf: Data);

        var (exit, output, error) = await CustodianCli.RunAsync("backup", "restore", "--input", backup, "--data", Target);

        Assert.True(exit == 0, error);
        Assert.Contains("the restore is event 4", output, StringComparison.Ordinal);
        var (verified, verification, _) = await CustodianCli.RunAsync("audit", "verify", "--data", Target);
        Assert.Equal(0, verified);
        Assert.Matches(@"^intact: 4 events, head [0-9a-f]{64}; restored from a backup at event 3 \(the restore is event 4\)\s*$", verification);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(backup));
    }

    public static TheoryData<string> BadBackups => ["truncated", "flipped byte", "not a backup", "other installation", "newer schema", "target not empty"];

    [Theory]
    [MemberData(nameof(BadBackups))]
    public async Task A_bad_backup_is_refused_with_one_line_and_nothing_is_restored(string bad)
    {
        var backup = await BackUpAsync(Data);
        PrepareTarget(keysOf: Data);
        var expected = Spoil(bad, backup);
        var before = Snapshot(Target);

        var (exit, output, error) = await CustodianCli.RunAsync("backup", "restore", "--input", backup, "--data", Target);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored.", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Target));
    }

    /// <summary>Spoils the backup (or its target) one way; returns what the refusal must say.</summary>
    private string Spoil(string bad, string backup)
    {
        var bytes = System.IO.File.ReadAllBytes(backup);
        switch (bad)
        {
            case "truncated":
                System.IO.File.WriteAllBytes(backup, bytes[..(bytes.Length / 2)]);
                return "not a whole Custodian backup";
            case "flipped byte":
                bytes[bytes.Length - 4096] ^= 0x01;
                System.IO.File.WriteAllBytes(backup, bytes);
                return "does not match the SHA-256";
            case "not a backup":
                System.IO.File.WriteAllText(backup, "name,email\nAna,ana@example.com\n");
                return "not a whole Custodian backup";
            case "other installation":
                Directory.Delete(Target, recursive: true);
                var other = Path.Combine(_root, "other");
                BackUpAsync(other, persons: 1).GetAwaiter().GetResult();
                PrepareTarget(keysOf: other);
                return "of another installation";
            case "newer schema":
                RewriteManifest(backup, json => json.Replace("\"schema\": \"", "\"schema\": \"29991231000000_Future", StringComparison.Ordinal));
                return "newer than this build knows";
            default:
                System.IO.File.WriteAllText(Path.Combine(Target, "custodian.db"), "");
                return "goes only into an empty target";
        }
    }

    private static void RewriteManifest(string backup, Func<string, string> change)
    {
        var rewritten = backup + ".new";
        using (var input = System.IO.File.OpenRead(backup))
        using (var reader = new TarReader(input))
        using (var output = System.IO.File.Create(rewritten))
        using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry)
            {
                if (entry.Name == "manifest.json")
                {
                    var json = change(new StreamReader(entry.DataStream!).ReadToEnd());
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(json));
                }

                writer.WriteEntry(entry);
            }
        }

        System.IO.File.Move(rewritten, backup, overwrite: true);
    }

    [Fact]
    public async Task A_backup_is_not_written_over_an_existing_file()
    {
        var backup = await BackUpAsync(Data);
        var before = System.IO.File.ReadAllBytes(backup);

        var (exit, _, error) = await CustodianCli.RunAsync("backup", "create", "--output", backup, "--data", Data);

        Assert.Equal(1, exit);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal(before, System.IO.File.ReadAllBytes(backup));
    }

    [Fact]
    public async Task A_restore_without_an_input_is_a_usage_error()
    {
        var (exit, _, _) = await CustodianCli.RunAsync("backup", "restore", "--data", Target);

        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
