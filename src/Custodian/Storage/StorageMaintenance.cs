using Microsoft.EntityFrameworkCore;

namespace Custodian.Storage;

internal static class StorageMaintenance
{
    /// <summary>
    /// After an erasure, folds SQLite's write-ahead log into the database and truncates it, so the
    /// overwritten pages (secure_delete) do not live on in old WAL frames.
    /// </summary>
    public static async Task CheckpointAsync(CustodianDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        }
    }
}
