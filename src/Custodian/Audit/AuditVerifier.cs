using System.Runtime.CompilerServices;
using Custodian.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Audit;

/// <summary>
/// Walks the whole chain and the signed checkpoints; names the first event that does not hold. The chain is
/// cut into one range of sequence numbers per core; each range is read and hashed on its own connection, and
/// the ranges are then joined by checking that each one starts with the hash the one before ended with. Everything is
/// read on plain connections: the command needs no EF model.
/// </summary>
public sealed class AuditVerifier(IOptions<StorageOptions> options, AuditCheckpoints checkpoints, AuditAnchor anchor)
{
    /// <summary>Chains shorter than this are walked in one range; tests lower it to cross range boundaries.</summary>
    internal long MinimumRangeSize { get; init; } = 100_000;

    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await StorageModule.OpenConnectionAsync(options.Value, cancellationToken);
        var last = await AuditRows.LastSeqAsync(connection, cancellationToken);
        // A pruned chain begins after its signed start; an unsigned or forged one is a cut, not a prune.
        var start = await AuditChainStart.ReadAsync(connection, cancellationToken);
        var skipped = start?.Seq ?? 0;
        if (start is not null && StartProblem(start, await AuditChainStart.FirstSeqAsync(connection, cancellationToken)) is { } startProblem)
        {
            return AuditVerification.Broken(0, start.Seq, startProblem);
        }

        var parts = (int)Math.Clamp((last - skipped) / MinimumRangeSize, 1, Environment.ProcessorCount);
        var size = Math.Max(0, last - skipped + parts - 1) / Math.Max(parts, 1);
        long done = 0;
        var ranges = await Task.WhenAll(Enumerable.Range(0, parts).Select(i => Task.Run(() =>
            WalkRange(skipped + 1 + (i * size), Math.Min(last, skipped + ((i + 1) * size)), rows => progress?.Report(Interlocked.Add(ref done, rows)), cancellationToken), cancellationToken)));

        var failures = new List<(long Seq, string Problem)>();
        var head = start?.Hash ?? AuditHash.Genesis;
        foreach (var range in ranges)
        {
            if (range.Failure is { } failure)
            {
                failures.Add(failure);
            }

            if (range.Count > 0 && !range.FirstPrev.AsSpan().SequenceEqual(head))
            {
                failures.Add((range.First, "previous hash does not match the event before"));
            }

            head = range.Count > 0 ? range.LastHash : head;
        }

        if (failures.Count > 0)
        {
            var (seq, problem) = failures.MinBy(f => f.Seq);
            return AuditVerification.Broken(seq - 1, seq, problem);
        }

        var checkpointFailure = await checkpoints.CheckAsync(connection, last, head, cancellationToken);
        if (checkpointFailure is { } bad)
        {
            return AuditVerification.Broken(last, bad.Seq, bad.Problem);
        }

        var (anchorFailure, restore) = await anchor.CheckAsync(connection, last, start, [.. ranges.SelectMany(r => r.Restores)], cancellationToken);
        return anchorFailure is { } cut
            ? AuditVerification.Broken(last, cut.Seq, cut.Problem)
            : new AuditVerification(true, last, Convert.ToHexStringLower(head), null, null) { PrunedThrough = skipped, Restore = restore };
    }

    private string? StartProblem(AuditChainStart start, long? firstSeq) =>
        !checkpoints.IsSignedStart(start) ? "the chain's start is not a signed checkpoint"
        : firstSeq <= start.Seq ? $"event {firstSeq} lies behind the chain's signed start at {start.Seq}"
        : null;

    // Synchronous on purpose: a million rows read with ReadAsync would cost a task each. This method and the row
    // readers it calls are compiled optimized at once: tiered compilation would run a cold walk's first half
    // in unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RangeResult WalkRange(long first, long last, Action<long> progress, CancellationToken cancellationToken)
    {
        var storage = options.Value;
        using IChainRows rows = storage.UsesPostgres
            ? new AdoChainRows(StorageModule.CreateConnection(storage), first, last)
            : new SqliteChainRows(storage.SqlitePath, first, last);
        var expectedSeq = first;
        var restores = new List<long>();
        byte[] firstPrev = [];
        var previous = new byte[32];
        Span<byte> computed = stackalloc byte[32];
        while (rows.Read())
        {
            var seq = rows.Seq;
            if (seq != expectedSeq)
            {
                return new(first, expectedSeq - first, firstPrev, previous, (seq, seq > expectedSeq ? $"events {expectedSeq}..{seq - 1} are missing" : "sequence out of order"));
            }

            if (seq == first)
            {
                firstPrev = rows.PrevHash.ToArray();
            }
            else if (!rows.PrevHash.SequenceEqual(previous))
            {
                return new(first, expectedSeq - first, firstPrev, previous, (seq, "previous hash does not match the event before"));
            }

            rows.ComputeHash(computed);
            if (!computed.SequenceEqual(rows.Hash))
            {
                return new(first, expectedSeq - first, firstPrev, previous, (seq, "event content does not match its hash"));
            }

            computed.CopyTo(previous);
            if (rows.Type == (int)AuditEventType.BackupRestored)
            {
                restores.Add(seq);
            }

            if ((++expectedSeq & 0xFFFF) == 0)
            {
                progress(0x10000);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        progress((expectedSeq - first) & 0xFFFF);
        return expectedSeq <= last
            // Named, like a gap inside a range, by the first event after it: the first row of the next range.
            ? new(first, expectedSeq - first, firstPrev, previous, (last + 1, $"events {expectedSeq}..{last} are missing"))
            : new(first, expectedSeq - first, firstPrev, previous, null) { Restores = restores };
    }

    private sealed record RangeResult(long First, long Count, byte[] FirstPrev, byte[] LastHash, (long Seq, string Problem)? Failure)
    {
        /// <summary>The restores from a backup the range holds, by sequence number: found in the walk, not by a second scan.</summary>
        public List<long> Restores { get; init; } = [];
    }
}

public sealed record AuditVerification(bool Intact, long Count, string? HeadHash, long? FirstBadSeq, string? Problem)
{
    /// <summary>The last event pruned behind the chain's signed start; 0 for a chain never pruned.</summary>
    public long PrunedThrough { get; init; }

    /// <summary>The last restore from a backup the chain records, when it has one.</summary>
    public AuditRestore? Restore { get; init; }

    public static AuditVerification Broken(long count, long seq, string problem) => new(false, count, null, seq, problem);
}
