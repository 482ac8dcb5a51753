using Custodian.Storage;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Storage;

public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("custodian-pragmas-").FullName;

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_new_database_gets_8_KiB_pages_in_WAL_with_full_sync()
    {
        await using var connection = (SqliteConnection)await StorageModule.OpenConnectionAsync(new StorageOptions { DataDirectory = _directory }, TestContext.Current.CancellationToken);

        Assert.Equal(8192, Scalar(connection, "PRAGMA page_size"));
        Assert.Equal(2, Scalar(connection, "PRAGMA synchronous"));
        Assert.Equal(1, Scalar(connection, "PRAGMA secure_delete"));
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public async Task An_existing_database_keeps_its_page_size()
    {
        var path = Path.Combine(_directory, "custodian.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE kept (x); INSERT INTO kept VALUES (1);";
            create.ExecuteNonQuery();
        }

        await using var connection = (SqliteConnection)await StorageModule.OpenConnectionAsync(new StorageOptions { DataDirectory = _directory }, TestContext.Current.CancellationToken);

        Assert.Equal(4096, Scalar(connection, "PRAGMA page_size"));
        Assert.Equal(1, Scalar(connection, "SELECT x FROM kept"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, true);
    }
}
