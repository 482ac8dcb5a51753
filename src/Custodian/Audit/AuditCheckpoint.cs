namespace Custodian.Audit;

/// <summary>A signed statement that the chain's head was <see cref="Hash"/> at <see cref="Seq"/>; it catches a truncated tail.</summary>
public sealed class AuditCheckpoint
{
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public byte[] Hash { get; set; } = [];
    public byte[] Signature { get; set; } = [];
}
