using Custodian.Tests.Support;
using Custodian.Vault.Keys;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Vault;

/// <summary><c>custodian keys rotate</c>: its help, exit codes and one-line errors, and the key files it leaves.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-rotate-").FullName;

    private string KeyFile => FileKeyProvider.PathIn(_data);

    private async Task ImportOneAsync()
    {
        var csv = Path.Combine(_data, "one.csv");
        await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04"], TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CustodianCli.RunAsync("import", "--input", csv, "--data", _data)).Exit);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Help_describes_the_rotation_and_its_options()
    {
        var (exit, output, _) = await CustodianCli.RunAsync("keys", "rotate", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("--batch-size", output, StringComparison.Ordinal);
        Assert.Contains("--data", output, StringComparison.Ordinal);
        Assert.Contains("data/keys/retired/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_size_below_one_is_a_usage_error()
    {
        var (exit, _, error) = await CustodianCli.RunAsync("keys", "rotate", "--batch-size", "0", "--data", _data);

        Assert.Equal(2, exit);
        Assert.Contains("--batch-size must be at least 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_without_a_key_file_is_refused_in_one_line_and_gets_no_key()
    {
        var (exit, _, error) = await CustodianCli.RunAsync("keys", "rotate", "--data", _data);

        Assert.Equal(1, exit);
        Assert.StartsWith($"No key file at {KeyFile}: nothing to rotate.", Assert.Single(Lines(error)), StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));
    }

    [Fact]
    public async Task Rotate_retires_the_old_key_privately_and_a_start_with_it_in_place_of_the_new_one_is_refused()
    {
        await ImportOneAsync();
        var oldKeyFile = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);

        var (exit, output, _) = await CustodianCli.RunAsync("keys", "rotate", "--data", _data);

        Assert.Equal(0, exit);
        Assert.Contains("Rotated: 1 data keys re-wrapped under file:", output, StringComparison.Ordinal);
        Assert.Contains("destroy it once no backup needs it", output, StringComparison.Ordinal);
        var retired = Assert.Single(Directory.GetFiles(FileKeyProvider.RetiredFolderIn(_data)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(retired));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(0, (await CustodianCli.RunAsync("audit", "verify", "--data", _data)).Exit);

        await File.WriteAllTextAsync(KeyFile, oldKeyFile, TestContext.Current.CancellationToken);
        var refused = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(1, refused.Exit);
        Assert.Contains("which a key rotation retired", Assert.Single(Lines(refused.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_while_another_runs_on_the_same_folder_is_refused()
    {
        await ImportOneAsync();
        using var running = RotationLock.Take(KeyFile);
        var keyFile = await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken);

        var (exit, _, error) = await CustodianCli.RunAsync("keys", "rotate", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Equal("Another key rotation is running on this data folder.", Assert.Single(Lines(error)));
        Assert.Equal(keyFile, await File.ReadAllTextAsync(KeyFile, TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
