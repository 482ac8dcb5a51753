using Custodian.Storage;
using Npgsql;

namespace Custodian.Tests.Storage;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Statements_stay_prepared_and_pooled_connections_are_not_reset_unless_the_operator_says_otherwise()
    {
        var connection = new NpgsqlConnectionStringBuilder(StorageModule.PostgresConnection("Host=db;Database=custodian;Username=app"));

        Assert.Equal(64, connection.MaxAutoPrepare);
        Assert.True(connection.NoResetOnClose);
        Assert.Equal("db", connection.Host);
        Assert.Equal("custodian", connection.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("host=db;max auto prepare=0;no reset on close=false")]
    public void What_the_operator_set_is_kept(string configured)
    {
        var connection = new NpgsqlConnectionStringBuilder(StorageModule.PostgresConnection(configured));

        Assert.Equal(0, connection.MaxAutoPrepare);
        Assert.False(connection.NoResetOnClose);
    }
}
