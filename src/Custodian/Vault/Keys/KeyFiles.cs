using System.Text;

namespace Custodian.Vault.Keys;

/// <summary>Reading and writing key files: private to their owner (0600), replaced by rename so a crash leaves the old or the new file whole.</summary>
internal static class KeyFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static string RetiredFolder(string activePath) => Path.Combine(Path.GetDirectoryName(activePath)!, "retired");

    public static (KeyMaterial? Key, string? Error) Read(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & Others) != 0)
            {
                return (null, $"Key file {path} can be read by other users (mode {Convert.ToString((int)mode, 8)}). Run: chmod 600 {path}");
            }
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (IOException)
        {
            return (null, $"Key file {path} could not be read.");
        }

        return KeyMaterial.Parse(text) is { } key
            ? (key, null)
            : (null, $"Key file {path} is not a base64-encoded {KeyMaterial.Size}-byte key, nor a key file that a rotation wrote.");
    }

    /// <summary>Writes a new file beside <paramref name="path"/>, flushed to disk, and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, KeyMaterial key)
    {
        var temporary = path + ".new";
        CreateFolder(Path.GetDirectoryName(path)!);
        File.Delete(temporary);
        Create(temporary, key);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A new key file; fails if one exists (two first starts at once must not both make a key).</summary>
    public static void Create(string path, KeyMaterial key)
    {
        CreateFolder(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(key.Format()));
        stream.Flush(flushToDisk: true);
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
