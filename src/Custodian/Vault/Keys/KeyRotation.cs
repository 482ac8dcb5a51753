using System.Security.Cryptography;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault.Keys;

/// <summary>
/// <c>custodian keys rotate</c>, while the server runs. <see cref="StartAsync"/> makes a new key-encryption key the
/// active one (the old one retired under <c>data/keys/retired/</c>, naming its successor) and switches the database's
/// key check to it; <see cref="FinishAsync"/> re-wraps every data key still under another key, a batch per transaction,
/// then records <see cref="AuditEventType.KeyRotated"/>. Stopped at any point, a rerun finishes the same rotation instead
/// of starting another; meanwhile both keys open the data. Sub-keys are carried over, so blind indexes, checkpoint
/// signatures and the rest stay valid without being rewritten.
/// </summary>
internal sealed class KeyRotation(
    IDbContextFactory<CustodianDb> factory, KeyBootstrap bootstrap, AuditLog audit, IEnumerable<IWrappedKeyTable> tables, TimeProvider time)
{
    private readonly IWrappedKeyTable[] _tables = tables.ToArray();

    public async Task<Result<RotationPlan>> StartAsync(CancellationToken cancellationToken = default)
    {
        var keys = bootstrap.FileProvider;
        var held = RotationLock.Take(bootstrap.KeyFilePath);
        if (held is null)
        {
            return Failure.Conflict("keys.rotation-running", "Another key rotation is running on this data folder.");
        }

        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var checks = await db.Set<KeyCheck>().ToListAsync(cancellationToken);
            var active = checks.SingleOrDefault(k => k.Id == KeyCheck.RowId);
            var running = checks.SingleOrDefault(k => k.Id == KeyCheck.RotationRowId);
            var unfinished = running is not null || active is null || !CryptographicOperations.FixedTimeEquals(active.Check, keys.CheckValue())
                || await PendingAsync(db, keys.KeyId, cancellationToken) > 0;
            if (!unfinished)
            {
                keys.StartRotation();
            }

            // From here the database names the new key as its own, and the rotation row the keys being retired, in one commit.
            var now = time.GetUtcNow().UtcDateTime;
            var retiring = (running?.KeyId.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
                .Append(active?.KeyId ?? "").Where(id => id.Length > 0 && id != keys.KeyId).Distinct(StringComparer.Ordinal).ToList();
            Upsert(db, active, KeyCheck.RowId, keys.KeyId, keys.CheckValue(), now);
            Upsert(db, running, KeyCheck.RotationRowId, string.Join(',', retiring), keys.CheckValue(), running?.CreatedAt ?? now);
            await db.SaveChangesAsync(cancellationToken);
            return new RotationPlan(held, keys.KeyId, retiring, await PendingAsync(db, keys.KeyId, cancellationToken), unfinished);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Re-wraps, <paramref name="batchSize"/> keys per transaction, until no key under another key is left.</summary>
    /// <param name="settle">A pause before the last look: a registration that read the key file just before the switch may commit after the pass.</param>
    public async Task<Result<RotationDone>> FinishAsync(
        RotationPlan plan, IProgress<long>? progress = null, int batchSize = 1000, TimeSpan settle = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var tally = new Tally(plan.Retiring, progress);
        do
        {
            foreach (var table in _tables)
            {
                if (await RewrapTableAsync(table, batchSize, tally, cancellationToken) is { } record)
                {
                    return Failure.Unavailable(
                        "keys.key-missing",
                        $"The data key of {record} opens with no key held. Put that key's retired file back under data/keys/retired/ and run custodian keys rotate again.");
                }
            }

            await Task.Delay(settle, time, cancellationToken);
        }
        while (await PendingAsync(plan.KeyId, cancellationToken) > 0);

        tally.From.Remove(plan.KeyId);
        var retired = tally.From.Order(StringComparer.Ordinal).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<KeyCheck>().SingleOrDefaultAsync(k => k.Id == KeyCheck.RotationRowId, cancellationToken) is { } running)
        {
            db.Remove(running);
        }

        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.KeyRotated, Actor.System.AuditName, Subject: $"{string.Join(',', retired)} -> {plan.KeyId}")], cancellationToken);
        // SQLite overwrote the old wrapped keys in place (secure_delete); this drops their copies from the write-ahead log too.
        await StorageMaintenance.CheckpointAsync(db, cancellationToken);
        return new RotationDone(plan.KeyId, retired, tally.Done);
    }

    /// <summary>One table, batch after batch, until a batch reads nothing; returns the record whose key no key opens, if one does not.</summary>
    private async Task<string?> RewrapTableAsync(IWrappedKeyTable table, int batchSize, Tally tally, CancellationToken cancellationToken)
    {
        var unwritten = 0;
        while (true)
        {
            var started = time.GetTimestamp();
            RewrapBatch batch;
            bool sqlite;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                batch = await KeyRewrap.RunAsync(db, table, bootstrap.Provider, batchSize, cancellationToken);
                sqlite = db.Database.IsSqlite();
            }

            if (batch.Unopenable is not null || batch.Read == 0)
            {
                return batch.Unopenable;
            }

            tally.Add(batch);
            // Rows read again and again but never written back would be a fault of the statements, not a race.
            unwritten = batch.Count == 0 ? unwritten + 1 : 0;
            if (unwritten > 3)
            {
                throw new InvalidOperationException($"Key rotation read {table.Columns.Name} keys it could not write back.");
            }

            if (sqlite)
            {
                // SQLite has one writer: as long again without the lock, so that the server's own commits (each read's
                // audit event) get their turn. Back to back, the server's reads fell to a few dozen a second.
                await Task.Delay(time.GetElapsedTime(started), time, cancellationToken);
            }
        }
    }

    private sealed class Tally(IEnumerable<string> retiring, IProgress<long>? progress)
    {
        public HashSet<string> From { get; } = new(retiring, StringComparer.Ordinal);
        public long Done { get; private set; }

        public void Add(RewrapBatch batch)
        {
            From.UnionWith(batch.From);
            Done += batch.Count;
            progress?.Report(Done);
        }
    }

    private async Task<long> PendingAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await PendingAsync(db, keyId, cancellationToken);
    }

    private async Task<long> PendingAsync(CustodianDb db, string keyId, CancellationToken cancellationToken)
    {
        var pending = 0L;
        foreach (var table in _tables)
        {
            pending += await KeyRewrap.CountAsync(db, table, keyId, cancellationToken);
        }

        return pending;
    }

    private static void Upsert(CustodianDb db, KeyCheck? row, int id, string keyId, byte[] check, DateTime createdAt)
    {
        if (row is null)
        {
            db.Add(new KeyCheck { Id = id, KeyId = keyId, Check = check, CreatedAt = createdAt });
            return;
        }

        (row.KeyId, row.Check, row.CreatedAt) = (keyId, check, createdAt);
    }
}

/// <summary>A started (or resumed) rotation: holds the data folder's rotation lock until disposed.</summary>
internal sealed class RotationPlan(IDisposable held, string keyId, IReadOnlyList<string> retiring, long pending, bool resumed) : IDisposable
{
    public string KeyId => keyId;
    public IReadOnlyList<string> Retiring => retiring;
    public long Pending => pending;
    public bool Resumed => resumed;

    public void Dispose() => held.Dispose();
}

internal sealed record RotationDone(string KeyId, IReadOnlyList<string> Retired, long Rewrapped);

/// <summary>One rotation at a time per key folder: an OS lock on <c>data/keys/rotation.lock</c>, released if the process dies.</summary>
internal static class RotationLock
{
    public static IDisposable? Take(string keyFilePath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(Path.Combine(Path.GetDirectoryName(keyFilePath)!, "rotation.lock"), options);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

