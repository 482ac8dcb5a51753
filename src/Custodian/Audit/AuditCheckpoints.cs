using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Custodian.Vault.Keys;

namespace Custodian.Audit;

/// <summary>Signs the chain's head from time to time, so that cutting events off the end is detected too.</summary>
public sealed class AuditCheckpoints(IDbContextFactory<Storage.CustodianDb> factory, IKeyProvider keys, TimeProvider time, AuditAnchor anchor)
{
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var head = await db.Set<AuditEvent>().AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is null || await db.Set<AuditCheckpoint>().AnyAsync(c => c.Seq == head.Seq, cancellationToken))
        {
            return null;
        }

        var checkpoint = new AuditCheckpoint { Seq = head.Seq, At = time.GetUtcNow().UtcDateTime, Hash = head.Hash };
        checkpoint.Signature = Sign(checkpoint.Seq, checkpoint.Hash);
        db.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        // After the commit, so the anchor never runs ahead of the database: a crash in between leaves an older anchor.
        var installation = await db.Set<Storage.Installation>().Where(i => i.Id == Storage.Installation.RowId).Select(i => (Guid?)i.InstallationId).FirstOrDefaultAsync(cancellationToken);
        anchor.Write(installation, checkpoint.Seq, checkpoint.Hash);
        return checkpoint;
    }

    internal async Task<(long Seq, string Problem)?> CheckAsync(System.Data.Common.DbConnection connection, long eventCount, byte[] headHash, CancellationToken cancellationToken)
    {
        var all = await AuditRows.CheckpointsAsync(connection, cancellationToken);
        foreach (var checkpoint in all)
        {
            if (!CryptographicOperations.FixedTimeEquals(Sign(checkpoint.Seq, checkpoint.Hash), checkpoint.Signature))
            {
                return (checkpoint.Seq, "checkpoint signature is not valid");
            }

            if (checkpoint.Seq > eventCount)
            {
                return (eventCount + 1, $"events {eventCount + 1}..{checkpoint.Seq} are missing (signed checkpoint at {checkpoint.Seq})");
            }

            var hash = checkpoint.Seq == eventCount
                ? headHash
                : await AuditRows.HashAtAsync(connection, checkpoint.Seq, cancellationToken) ?? [];
            if (!hash.AsSpan().SequenceEqual(checkpoint.Hash))
            {
                return (checkpoint.Seq, "event hash differs from the signed checkpoint");
            }
        }

        return null;
    }

    private byte[] Sign(long seq, byte[] hash) => Signature(keys, seq, hash);

    /// <summary>The signature of a chain start, under its own derived key: an ordinary checkpoint's cannot pass for it.</summary>
    internal byte[] SignStart(long seq, byte[] hash)
    {
        Span<byte> message = stackalloc byte[8 + 32];
        BinaryPrimitives.WriteInt64BigEndian(message, seq);
        hash.CopyTo(message[8..]);
        return HMACSHA256.HashData(keys.DeriveKey("audit-chain-start"), message);
    }

    internal bool IsSignedStart(AuditChainStart start) =>
        start.Hash.Length == 32 && CryptographicOperations.FixedTimeEquals(SignStart(start.Seq, start.Hash), start.Signature);

    /// <summary>A checkpoint's signature under this key: the key check also uses it to tell whether a key opens an older database.</summary>
    internal static byte[] Signature(IKeyProvider keys, long seq, byte[] hash)
    {
        Span<byte> message = stackalloc byte[8 + 32];
        BinaryPrimitives.WriteInt64BigEndian(message, seq);
        hash.CopyTo(message[8..]);
        return HMACSHA256.HashData(keys.DeriveKey("audit-checkpoint"), message);
    }
}
