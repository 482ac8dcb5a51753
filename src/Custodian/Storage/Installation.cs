using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Storage;

/// <summary>
/// Which installation a database is: one row, made by its migration, so that a backup names the installation it came
/// from and the anchor under <c>data/keys/</c> names the one it belongs to.
/// </summary>
internal sealed class Installation
{
    public const int RowId = 1;

    public int Id { get; set; }

    public Guid InstallationId { get; set; }

    /// <summary>The installation's id on a plain connection (backups and the verifier need no EF model); null without one.</summary>
    public static async Task<Guid?> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT "InstallationId" FROM storage_installation WHERE "Id" = 1""";
        // SQLite keeps the id as text; PostgreSQL as uuid.
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            Guid id => id,
            string text => Guid.Parse(text),
            _ => null,
        };
    }
}

internal sealed class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> builder)
    {
        builder.ToTable("storage_installation");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
    }
}
