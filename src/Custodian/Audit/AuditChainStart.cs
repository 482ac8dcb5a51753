using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Audit;

/// <summary>
/// Where the chain starts once old events have been pruned: a signed statement that event <see cref="Seq"/> had
/// <see cref="Hash"/>. The first event kept must chain to it. Its signature is under a key of its own, so no ordinary
/// checkpoint can pass for a start, and a chain cut at the front without one is reported as tampered.
/// </summary>
public sealed class AuditChainStart
{
    /// <summary>Always 1: there is one start.</summary>
    public int Id { get; set; } = 1;
    public long Seq { get; set; }
    public byte[] Hash { get; set; } = [];
    public DateTime At { get; set; }
    public byte[] Signature { get; set; } = [];

    /// <summary>The start on a plain connection (the verifier needs no EF model), or null for a chain never pruned.</summary>
    internal static async Task<AuditChainStart?> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Seq", "Hash", "Signature" FROM audit_chain_start WHERE "Id" = 1""";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditChainStart { Seq = reader.GetInt64(0), Hash = (byte[])reader.GetValue(1), Signature = (byte[])reader.GetValue(2) }
            : null;
    }

    internal static async Task<long?> FirstSeqAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT MIN("Seq") FROM audit_events""";
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : null;
    }
}

internal sealed class AuditChainStartConfiguration : IEntityTypeConfiguration<AuditChainStart>
{
    public void Configure(EntityTypeBuilder<AuditChainStart> builder)
    {
        builder.ToTable("audit_chain_start");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
