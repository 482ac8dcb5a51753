using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Server.Host;

/// <summary>
/// Readiness needs a store that takes writes, not only one that answers: a read-only file system or a full disk lets
/// reads through. A probe row is written and rolled back, so nothing stays.
/// </summary>
internal sealed class StoreWriteHealthCheck(IDbContextFactory<CustodianDb> factory, TimeProvider time, ILogger<StoreWriteHealthCheck> logger) : IHealthCheck
{
    private const int ProbeId = -1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
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
