using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_key_file_with_one_bit_flipped_stops_an_import_in_one_line_with_exit_1_and_seals_nothing()
    {
        await ImportOneAsync();
        var keyFile = FileKeyProvider.PathIn(_data);
        var key = Convert.FromBase64String(await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken));
        key[3] ^= 0x01;
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(key), TestContext.Current.CancellationToken);

        var csv = Path.Combine(_data, "another.csv");
        await File.WriteAllLinesAsync(csv, ["name,email,telephone,date-of-birth", "Luis Pérez,luis@example.com,+52 442 555 0102,1985-01-20"], TestContext.Current.CancellationToken);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(1, CountPersons());
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"the key file {keyFile} does not open this database's data", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_person_erased_a_deleted_key_file_stops_a_command_and_is_not_replaced()
    {
        await ImportOneAsync();
        await using (var host = await Custodian.Cli.CliHost.OpenAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data }, TestContext.Current.CancellationToken))
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            foreach (var person in await db.Set<Person>().Select(p => p.Id).ToListAsync(TestContext.Current.CancellationToken))
            {
                Assert.True((await host.Services.GetRequiredService<PersonVault>().EraseAsync(Custodian.Gate.Actor.System, person, TestContext.Current.CancellationToken)).Succeeded);
            }

            Assert.False(await db.Set<PersonKey>().AnyAsync(TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        File.Delete(FileKeyProvider.PathIn(_data));

        var (exit, _, error) = await CustodianCli.RunAsync("audit", "verify", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("is missing", error, StringComparison.Ordinal);
        Assert.False(File.Exists(FileKeyProvider.PathIn(_data)));
    }

    private long CountPersons()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM vault_persons";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
