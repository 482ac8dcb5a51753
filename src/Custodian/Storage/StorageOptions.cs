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

    /// <summary>A PostgreSQL standby for heavy reports, from <c>ConnectionStrings:CustodianReadOnly</c>; empty: the primary.</summary>
    public string? ReadOnlyConnectionString { get; set; }

    /// <summary>How long a report waits for the standby to replay what the primary had committed before it reads the primary instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReplicaCatchUpTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public string SqlitePath => Path.Combine(DataDirectory, "custodian.db");
}
