namespace Custodian.Tests.Backup;

/// <summary>A restore on PostgreSQL goes only into an empty database, and a refused one leaves the database as it was.</summary>
public sealed class PostgresRestoreTests
{
    private static async Task<string> BackUpTwoPersonsAsync(TestInstallation installation)
    {
        var file = installation.BackupFile();
        await using var host = await installation.OpenAsync();
        await TestInstallation.RegisterAsync(host, 2);
        await TestInstallation.BackUpAsync(host, file);
        return file;
    }

    [Fact]
    public async Task A_restore_into_a_database_that_holds_tables_is_refused_and_changes_nothing()
    {
        await using var installation = new TestInstallation("postgres");
        var file = await BackUpTwoPersonsAsync(installation);

        var tables = await installation.TablesAsync();

        var refused = await installation.TryRestoreAsync(file);

        Assert.Equal("backup.target-not-empty", refused.Failure?.Code);
        Assert.Equal(tables, await installation.TablesAsync());
        await using var reopened = await installation.OpenAsync();
        Assert.True((await TestInstallation.VerifyAsync(reopened)).Intact);
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_and_the_empty_database_stays_empty()
    {
        await using var installation = new TestInstallation("postgres");
        var file = await BackUpTwoPersonsAsync(installation);

        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        bytes[bytes.Length - 2048] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes, TestContext.Current.CancellationToken);
        installation.LoseDatabase();

        var refused = await installation.TryRestoreAsync(file);

        Assert.Equal("backup.damaged", refused.Failure?.Code);
        Assert.Equal(0, await installation.TablesAsync());
    }
}
