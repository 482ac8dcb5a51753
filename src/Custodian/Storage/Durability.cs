using System.Runtime.InteropServices;

namespace Custodian.Storage;

/// <summary>
/// What makes a file written outside the database survive a power cut: a new or renamed file's name lives in its
/// folder, which must be flushed too. .NET opens no folder, so the flush goes to the C library.
/// </summary>
internal static class Durability
{
    /// <summary>Flushes a folder's entries to disk; does nothing on Windows, where a file's flush covers its name.</summary>
    public static void SyncFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = open(folder, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Folder {folder} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (fsync(descriptor) != 0)
            {
                throw new IOException($"Folder {folder} could not be flushed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>Writes a small file whole or not at all: a temporary file flushed, renamed over the old one, the folder flushed.</summary>
    public static void ReplaceFile(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        SyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
}
