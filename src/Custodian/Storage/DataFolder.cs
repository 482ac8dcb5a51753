namespace Custodian.Storage;

/// <summary>
/// The data folder holds the database and the key file, so only its owner may read, write or enter it: it is created
/// 0700 and the database file 0600 (SQLite gives its -wal and -shm files the database file's mode), and a folder that
/// group or others can use stops the start, as a too-open key file does.
/// </summary>
public static class DataFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder when missing, then refuses it when group or others may use it.</summary>
    public static void Prepare(string path)
    {
        Create(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            var full = Path.GetFullPath(path);
            throw new DataFolderException($"Data folder {full} can be used by other users (mode {Convert.ToString((int)mode, 8)}). Run: chmod 700 {full}");
        }
    }

    /// <summary>Creates the folder owner-only when missing; leaves an existing one as it is (<see cref="Prepare"/> checks it).</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }

    /// <summary>
    /// Creates the database 0600 before SQLite would create it with the umask's mode (0644), and writes its first page
    /// (8 KiB pages, WAL): EF takes a file that opens read-only for an existing database, and an empty one does not.
    /// </summary>
    public static void CreateDatabaseFile(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another connection created it meanwhile, through this same path.
            return;
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size=8192; PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}

/// <summary>The data folder is open to other users; the message says which folder and what to run.</summary>
public sealed class DataFolderException(string message) : Exception(message);
