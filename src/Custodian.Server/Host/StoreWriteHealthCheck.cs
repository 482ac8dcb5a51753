using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Host;

/// <summary>
/// Readiness needs a store that takes writes, not only one that answers: a read-only file system or a full disk lets
/// reads through. A probe row is written and rolled back, so nothing stays. SQLite writes nothing to disk for a
/// rolled-back row, so its full disk is seen by the space left on the data folder's file system instead.
/// </summary>
internal sealed class StoreWriteHealthCheck(
    IDbContextFactory<CustodianDb> factory, IOptions<StorageOptions> options, TimeProvider time, ILogger<StoreWriteHealthCheck> logger) : IHealthCheck
{
    private const int ProbeId = -1;

    // A checkpoint copies up to 1,000 log pages of 8 KiB (SqlitePragmas): below that, a commit may find no room.
    private const long MinimumFreeBytes = 8 * 1024 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!options.Value.UsesPostgres && new DriveInfo(options.Value.DataDirectory).AvailableFreeSpace < MinimumFreeBytes)
            {
                logger.LogError("The store cannot write: less than {MinimumFreeBytes} bytes free on the data folder's file system", MinimumFreeBytes);
                return HealthCheckResult.Unhealthy(StorageFailures.Full);
            }

            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Add(new KeyCheck { Id = ProbeId, KeyId = "probe", Check = [], CreatedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = StorageFailures.Classify(ex) ?? "storage.error";
            logger.LogError("The store cannot write: {ExceptionType} ({Code})", StorageFailures.Innermost(ex).GetType().Name, code);
            return HealthCheckResult.Unhealthy(code);
        }
    }
}
