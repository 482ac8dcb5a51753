using Custodian.Storage;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Storage;

/// <summary>The data folder and the database files are their owner's alone; a folder others can use stops the server and every command.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests : IDisposable
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _parent = Directory.CreateTempSubdirectory("custodian-folder-").FullName;

    private string Data => Path.Combine(_parent, "data");

    [Fact]
    public async Task A_new_data_folder_is_0700_and_the_database_and_its_wal_and_shm_files_0600()
    {
        await using (var connection = (SqliteConnection)await StorageModule.OpenConnectionAsync(new StorageOptions { DataDirectory = Data }, TestContext.Current.CancellationToken))
        {
            using var write = connection.CreateCommand();
            write.CommandText = "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
            write.ExecuteNonQuery();

            Assert.Equal(OwnerFolder, File.GetUnixFileMode(Data));
            foreach (var file in new[] { "custodian.db", "custodian.db-wal", "custodian.db-shm" })
            {
                Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(Data, file)));
            }
        }

        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.GroupExecute)]
    [InlineData(UnixFileMode.OtherExecute)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void A_data_folder_group_or_others_can_use_is_refused_naming_the_fix(UnixFileMode extra)
    {
        Directory.CreateDirectory(Data, OwnerFolder | extra);
        File.SetUnixFileMode(Data, OwnerFolder | extra);

        var refused = Assert.Throws<DataFolderException>(() => DataFolder.Prepare(Data));

        Assert.Contains($"chmod 700 {Data}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_on_a_data_folder_others_can_enter_exits_1_with_one_line()
    {
        Directory.CreateDirectory(Data);
        File.SetUnixFileMode(Data, OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var (exit, _, error) = await Support.CustodianCli.RunAsync("token", "list", "--data", Data);

        Assert.Equal(1, exit);
        Assert.Contains($"chmod 700 {Data}", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "custodian.db")));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);
}
