namespace Custodian.Backup;

public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>
    /// Folder of PostgreSQL's client programs (<c>pg_dump</c>, <c>pg_restore</c>) of the server's major version; when
    /// empty, <c>CUSTODIAN_PG_BIN</c>, then the <c>PATH</c>.
    /// </summary>
    public string? PostgresBin { get; set; }
}
