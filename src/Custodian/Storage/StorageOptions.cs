using System.ComponentModel.DataAnnotations;

namespace Custodian.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the embedded database and the key file.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>PostgreSQL connection string from <c>ConnectionStrings:Custodian</c>; when empty, SQLite under <see cref="DataDirectory"/>.</summary>
    public string? PostgresConnectionString { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public string SqlitePath => Path.Combine(DataDirectory, "custodian.db");
}
