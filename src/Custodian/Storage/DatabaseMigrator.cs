using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Storage;

/// <summary>Applies the hand-written migrations (see Storage/Migrations) to whichever provider is configured.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CustodianDb> factory, IOptions<StorageOptions> options, ILogger<DatabaseMigrator> logger)
{
    /// <summary>
    /// Every migration's id, in order. Every command and every start compares this with the history table, read on a
    /// plain connection: through EF, the check alone built the model first, about half a second of each command's start.
    /// A test keeps this list equal to EF's.
    /// </summary>
    internal static readonly string[] Migrations =
    [
        "20261122000100_Audit", "20261122000200_Vault", "20261122000300_Consent", "20261122000400_Staff",
        "20261122000500_StaffAccounts", "20261122001000_Provision", "20261122001100_ConsentEvidence", "20261122002000_Requests",
        "20261122003000_Anonymization", "20261122004000_PrivacyCentre", "20261122005000_SafeManagement",
        "20261122006000_SessionsAndDevices", "20261122007000_AccessReview", "20261122008000_ProvisionDecisions",
        "20261122009000_RequestReminders", "20261202000100_AuditWithoutPersonIndex", "20261207000100_TokenPermissions",
        "20261207000200_DataProtectionKeys", "20261207000300_StaffLifecycle", "20261207000400_KeyCheck",
        "20261207000500_Installation",
        "20261207000700_Retention",
        "20261208100100_Incidents",
        "20261208200100_Mail",
        "20261208300100_PersonListIndexes",
        "20261208400100_DocumentOpened",
        "20261208400200_ConsentEvidenceReference",
        "20261208400300_CookieChoiceLanguage",
        "20261209100100_IncidentNotices",
        "20261209300100_RequestFiguresIndex",
        "20261210200100_PolicyVersions",
        "20261210300100_GroupRequests",
        "20261210400100_SchedulerLease",
        "20261210700100_UseReasons",
    ];

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if ((await AppliedAsync(cancellationToken)).IsSupersetOf(Migrations))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // EF finds out whether the history table exists by selecting from it, and on a new PostgreSQL database logs that
        // failed select as an error, four times, under a migration that succeeds. Made first, the select has an answer.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        foreach (var migration in pending)
        {
            logger.LogInformation("Applied migration {Migration} on {Provider}", migration, db.Database.ProviderName);
        }

        return pending;
    }

    /// <summary>
    /// Refuses a database that a newer release has migrated: this build would read tables it does not know the rules
    /// of, and another server of the deployment may already be writing them. A new database passes (it is migrated).
    /// </summary>
    public async Task EnsureKnownSchemaAsync(CancellationToken cancellationToken = default)
    {
        var unknown = (await AppliedAsync(cancellationToken)).Except(Migrations, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaNewerException(
                $"The database's schema ({unknown[^1]}) is newer than this release knows (up to {Migrations[^1]}): start the release that migrated it, or a later one.");
        }
    }

    /// <summary>
    /// The migrations applied to <paramref name="db"/>, for a start that must know before migrating. Asked on the
    /// context's connection but not through EF, which selects from the history table too and, on a new database, logs
    /// the failed select as an error under a command that then succeeds.
    /// </summary>
    internal static HashSet<string> Applied(CustodianDb db)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            db.Database.OpenConnection();
        }

        try
        {
            return Applied(connection, CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            if (opened)
            {
                db.Database.CloseConnection();
            }
        }
    }

    private async Task<HashSet<string>> AppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        return await Applied(connection, cancellationToken);
    }

    private static async Task<HashSet<string>> Applied(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (System.Data.Common.DbException)
        {
            // No history table yet: a new database, which a migration creates.
        }

        return applied;
    }
}
