using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Audit;

/// <summary>
/// Walks the whole chain and the signed checkpoints; names the first event that does not hold. The chain is
/// cut into one range of sequence numbers per core; each range is read and hashed on its own connection, and
/// the ranges are then joined by checking that each one starts with the hash the one before ended with.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<Storage.CustodianDb> factory, AuditCheckpoints checkpoints)
{
    /// <summary>Chains shorter than this are walked in one range; tests lower it to cross range boundaries.</summary>
    internal long MinimumRangeSize { get; init; } = 100_000;

    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        long last;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            last = await db.Set<AuditEvent>().MaxAsync(e => (long?)e.Seq, cancellationToken) ?? 0;
        }

        var parts = (int)Math.Clamp(last / MinimumRangeSize, 1, Environment.ProcessorCount);
        var size = (last + parts - 1) / Math.Max(parts, 1);
        long done = 0;
        var ranges = await Task.WhenAll(Enumerable.Range(0, parts).Select(i => Task.Run(() =>
            WalkRange(1 + (i * size), Math.Min(last, (i + 1) * size), rows => progress?.Report(Interlocked.Add(ref done, rows)), cancellationToken), cancellationToken)));

        var failures = new List<(long Seq, string Problem)>();
        var head = AuditHash.Genesis;
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

        await using var context = await factory.CreateDbContextAsync(cancellationToken);
        var checkpointFailure = await checkpoints.CheckAsync(context, last, head, cancellationToken);
        return checkpointFailure is { } bad
            ? AuditVerification.Broken(last, bad.Seq, bad.Problem)
            : new AuditVerification(true, last, Convert.ToHexStringLower(head), null, null);
    }

    // Synchronous on purpose: a million rows read with ReadAsync would cost a task each.
    private RangeResult WalkRange(long first, long last, Action<long> progress, CancellationToken cancellationToken)
    {
        using var db = factory.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            """SELECT "Seq", "At", "Type", "Outcome", "Actor", "PersonId", "Purpose", "Items", "Reason", "Subject", "PrevHash", "Hash" FROM audit_events WHERE "Seq" BETWEEN @first AND @last ORDER BY "Seq" """;
        AddParameter(command, "@first", first);
        AddParameter(command, "@last", last);
        using var reader = command.ExecuteReader();
        var text = new ColumnKinds(reader);
        var expectedSeq = first;
        byte[] firstPrev = [], previous = [];
        Span<byte> computed = stackalloc byte[32];
        while (reader.Read())
        {
            var row = ReadRow(reader, text);
            if (row.Seq != expectedSeq)
            {
                return new(first, expectedSeq - first, firstPrev, previous, (row.Seq, row.Seq > expectedSeq ? $"events {expectedSeq}..{row.Seq - 1} are missing" : "sequence out of order"));
            }

            if (row.Seq == first)
            {
                firstPrev = row.PrevHash;
            }
            else if (!row.PrevHash.AsSpan().SequenceEqual(previous))
            {
                return new(first, expectedSeq - first, firstPrev, previous, (row.Seq, "previous hash does not match the event before"));
            }

            AuditHash.Compute(row.Seq, row.Ticks, row.Type, row.Outcome, row.Actor, row.PersonId, row.Purpose, row.Items, row.Reason, row.Subject, row.PrevHash, computed);
            if (!computed.SequenceEqual(row.Hash))
            {
                return new(first, expectedSeq - first, firstPrev, previous, (row.Seq, "event content does not match its hash"));
            }

            previous = row.Hash;
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
            : new(first, expectedSeq - first, firstPrev, previous, null);
    }

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record RangeResult(long First, long Count, byte[] FirstPrev, byte[] LastHash, (long Seq, string Problem)? Failure);

    /// <summary>SQLite hands instants and ids back as text, PostgreSQL as typed values; looked up once per walk.</summary>
    private sealed class ColumnKinds(DbDataReader reader)
    {
        public bool AtIsText { get; } = reader.GetFieldType(1) == typeof(string);
        public bool PersonIsText { get; } = reader.GetFieldType(5) == typeof(string);
    }

    private static Row ReadRow(DbDataReader reader, ColumnKinds kinds) => new(
        reader.GetInt64(0), ReadTicks(reader, kinds.AtIsText), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), ReadGuid(reader, kinds.PersonIsText),
        NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9),
        (byte[])reader.GetValue(10), (byte[])reader.GetValue(11));

    private readonly record struct Row(
        long Seq, long Ticks, int Type, int Outcome, string Actor, Guid? PersonId, string? Purpose, string? Items, string? Reason, string? Subject, byte[] PrevHash, byte[] Hash);

    // SQLite keeps instants as text written by EF as "yyyy-MM-dd HH:mm:ss.FFFFFFF"; read it without the general parser.
    private static long ReadTicks(DbDataReader reader, bool isText)
    {
        if (!isText)
        {
            return reader.GetDateTime(1).Ticks;
        }

        var text = reader.GetString(1);
        return SqliteInstant.TryParseTicks(text, out var ticks)
            ? ticks
            : DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Ticks;
    }

    private static Guid? ReadGuid(DbDataReader reader, bool isText) =>
        reader.IsDBNull(5) ? null : isText ? Guid.Parse(reader.GetString(5)) : reader.GetGuid(5);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

public sealed record AuditVerification(bool Intact, long Count, string? HeadHash, long? FirstBadSeq, string? Problem)
{
    public static AuditVerification Broken(long count, long seq, string problem) => new(false, count, null, seq, problem);
}
