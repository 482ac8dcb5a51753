using Custodian.Tests.Support;

namespace Custodian.Tests.Storage;

/// <summary><c>custodian db migrate</c> on a new PostgreSQL database succeeds quietly: no error lines under a success.</summary>
public sealed class DbMigrateCommandTests : IDisposable
{
    private readonly string _database = "custodian_migrate_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-migrate-").FullName;

    public DbMigrateCommandTests() => TestDatabase.Admin($"CREATE DATABASE {_database}");

    private string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Database = _database }.ToString();

    [Fact]
    public async Task Db_migrate_on_a_fresh_postgres_database_exits_0_and_prints_no_error_or_failure()
    {
        var (exit, output, error) = await CustodianProcess.RunAsync(ConnectionString, "db", "migrate", "--data", _data);
        var (again, upToDate, againError) = await CustodianProcess.RunAsync(ConnectionString, "db", "migrate", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.StartsWith("Applied ", output, StringComparison.Ordinal);
        Assert.Empty(error);
        Assert.DoesNotContain("fail", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, "Database is up to date.", ""), (again, upToDate.Trim(), againError));
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        TestDatabase.Admin($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        Directory.Delete(_data, recursive: true);
    }
}
