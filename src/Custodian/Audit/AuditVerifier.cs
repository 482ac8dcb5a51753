using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Audit;

/// <summary>Walks the whole chain and the signed checkpoints; names the first event that does not hold.</summary>
public sealed class AuditVerifier(IDbContextFactory<Storage.CustodianDb> factory, AuditCheckpoints checkpoints)
{
    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """SELECT "Seq", "At", "Type", "Outcome", "Actor", "PersonId", "Purpose", "Items", "Reason", "Subject", "PrevHash", "Hash" FROM audit_events ORDER BY "Seq" """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);

        var (broken, count, head) = Walk(reader, progress, cancellationToken);
        if (broken is not null)
        {
            return broken;
        }

        await reader.DisposeAsync();
        var checkpointFailure = await checkpoints.CheckAsync(db, count, head, cancellationToken);
        return checkpointFailure is { } failure
            ? AuditVerification.Broken(count, failure.Seq, failure.Problem)
            : new AuditVerification(true, count, Convert.ToHexStringLower(head), null, null);
    }

    // Synchronous on purpose: a million rows read with ReadAsync costs a task each.
    private static (AuditVerification? Broken, long Count, byte[] Head) Walk(DbDataReader reader, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var expectedPrev = AuditHash.Genesis;
        long expectedSeq = 1, count = 0;
        Span<byte> computed = stackalloc byte[32];
        while (reader.Read())
        {
            var seq = reader.GetInt64(0);
            var prev = (byte[])reader.GetValue(10);
            var hash = (byte[])reader.GetValue(11);
            if (seq != expectedSeq)
            {
                return (AuditVerification.Broken(count, seq, seq > expectedSeq ? $"events {expectedSeq}..{seq - 1} are missing" : "sequence out of order"), count, expectedPrev);
            }

            if (!prev.AsSpan().SequenceEqual(expectedPrev))
            {
                return (AuditVerification.Broken(count, seq, "previous hash does not match the event before"), count, expectedPrev);
            }

            AuditHash.Compute(
                seq, ReadTicks(reader, 1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), ReadGuid(reader, 5),
                NullableString(reader, 6), NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9), prev, computed);
            if (!computed.SequenceEqual(hash))
            {
                return (AuditVerification.Broken(count, seq, "event content does not match its hash"), count, expectedPrev);
            }

            expectedPrev = hash;
            expectedSeq++;
            count++;
            if ((count & 0xFFFF) == 0)
            {
                progress?.Report(count);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        progress?.Report(count);
        return (null, count, expectedPrev);
    }

    private static long ReadTicks(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? DateTime.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture).Ticks
            : reader.GetDateTime(ordinal).Ticks;

    private static Guid? ReadGuid(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldType(ordinal) == typeof(string) ? Guid.Parse(reader.GetString(ordinal)) : reader.GetGuid(ordinal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

public sealed record AuditVerification(bool Intact, long Count, string? HeadHash, long? FirstBadSeq, string? Problem)
{
    public static AuditVerification Broken(long count, long seq, string problem) => new(false, count, null, seq, problem);
}
