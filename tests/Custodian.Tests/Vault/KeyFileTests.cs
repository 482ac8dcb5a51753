using Custodian.Tests.Support;
using Custodian.Vault.Keys;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Vault;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-keys-").FullName;

    private async Task ImportOneAsync()
    {
        var csv = Path.Combine(_data, "one.csv");
        await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", "Ana Torres,ana@example.com,+52 442 555 0101,1990-05-04"], TestContext.Current.CancellationToken);
        Assert.Equal(0, (await CustodianCli.RunAsync("import", "--input", csv, "--data", _data)).Exit);
    }

    [Fact]
    public async Task The_key_file_is_created_at_first_start_readable_by_its_owner_only()
    {
        await ImportOneAsync();

        var mode = File.GetUnixFileMode(FileKeyProvider.PathIn(_data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task A_missing_key_file_over_sealed_data_stops_with_a_clear_message_and_is_not_recreated()
    {
        await ImportOneAsync();
        File.Delete(FileKeyProvider.PathIn(_data));

        var (exit, _, error) = await CustodianCli.RunAsync("token", "create", "--name", "crm", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("is missing", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(FileKeyProvider.PathIn(_data)));
    }

    [Fact]
    public async Task A_key_file_others_can_read_stops_with_the_fix_named()
    {
        await ImportOneAsync();
        File.SetUnixFileMode(FileKeyProvider.PathIn(_data), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, _, error) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("chmod 600", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_key_file_stops_with_a_clear_message()
    {
        await ImportOneAsync();
        await File.WriteAllTextAsync(FileKeyProvider.PathIn(_data), "not base64 at all!", TestContext.Current.CancellationToken);

        var (exit, _, error) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("base64", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
