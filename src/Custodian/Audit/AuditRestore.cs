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

    /// <summary>Every restore the chain records, in order.</summary>
    internal static async Task<List<AuditRestore>> ReadAllAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = AuditRows.Command(connection, string.Create(CultureInfo.InvariantCulture,
            $"""SELECT "Seq", "Subject", "Reason" FROM audit_events WHERE "Type" = {(int)AuditEventType.BackupRestored} ORDER BY "Seq" """));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var restores = new List<AuditRestore>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var head = (reader.IsDBNull(1) ? "" : reader.GetString(1)).Split(':');
            var replaced = (reader.IsDBNull(2) ? "" : reader.GetString(2)).Split(':');
            restores.Add(new AuditRestore(
                reader.GetInt64(0),
                head.Length == 3 && long.TryParse(head[1], CultureInfo.InvariantCulture, out var backupSeq) ? backupSeq : -1,
                head.Length == 3 ? head[2] : "",
                replaced.Length == 3 && long.TryParse(replaced[1], CultureInfo.InvariantCulture, out var replacedSeq) ? replacedSeq : null,
                replaced.Length == 3 ? replaced[2] : null));
        }

        return restores;
    }
}
