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

    /// <summary>How long a server holds the scheduled work without renewing; another takes it over after this once its holder dies.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchedulerLease { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public string SqlitePath => Path.Combine(DataDirectory, "custodian.db");
}
