using System.Data.Common;
using System.Globalization;

namespace Custodian.Audit;

/// <summary>
/// A restore from a backup, as the chain records it: the event right after the backup's head, naming that head and the
/// anchor it replaced (sequence numbers and hashes only). The verifier takes it as the explanation of a chain that ends
/// before the anchor, when a signed checkpoint follows it.
/// </summary>
public sealed record AuditRestore(long Seq, long BackupSeq, string BackupHash, long? ReplacedSeq, string? ReplacedHash)
{
    public static AuditEntry Entry(long backupSeq, byte[] backupHash, Anchored? replaced) => new(
        AuditEventType.BackupRestored,
        "system",
        Subject: string.Create(CultureInfo.InvariantCulture, $"backup-head:{backupSeq}:{Convert.ToHexStringLower(backupHash)}"),
        Reason: replaced is null ? "replaced-anchor:none" : string.Create(CultureInfo.InvariantCulture, $"replaced-anchor:{replaced.Seq}:{replaced.HashHex}"));

    /// <summary>The restore records at these sequence numbers (the verifier's walk finds them), in order.</summary>
    internal static async Task<List<AuditRestore>> ReadAsync(DbConnection connection, IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        var restores = new List<AuditRestore>(seqs.Count);
        foreach (var seq in seqs.Order())
        {
            await using var command = AuditRows.Command(connection, string.Create(CultureInfo.InvariantCulture,
                $"""SELECT "Subject", "Reason" FROM audit_events WHERE "Seq" = {seq}"""));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue;
            }

            var head = (reader.IsDBNull(0) ? "" : reader.GetString(0)).Split(':');
            var replaced = (reader.IsDBNull(1) ? "" : reader.GetString(1)).Split(':');
            restores.Add(new AuditRestore(
                seq,
                head.Length == 3 && long.TryParse(head[1], CultureInfo.InvariantCulture, out var backupSeq) ? backupSeq : -1,
                head.Length == 3 ? head[2] : "",
                replaced.Length == 3 && long.TryParse(replaced[1], CultureInfo.InvariantCulture, out var replacedSeq) ? replacedSeq : null,
                replaced.Length == 3 ? replaced[2] : null));
        }

        return restores;
    }
}
