using System.Formats.Tar;
using System.Security.Cryptography;
using Custodian.Common;

namespace Custodian.Backup;

/// <summary>
/// A backup file: a tar archive (so <c>tar tf</c> lists it) of <c>manifest.json</c> then the database's content, a
/// SQLite file or a <c>pg_dump</c> archive. The manifest carries the content's length and SHA-256, so a truncated or
/// damaged file is found before the content is put in place.
/// </summary>
internal sealed class BackupArchive : IAsyncDisposable
{
    private const int MaxManifestBytes = 64 * 1024;
    private readonly FileStream _file;
    private readonly TarReader _reader;

    private BackupArchive(FileStream file)
    {
        _file = file;
        _reader = new TarReader(file);
    }

    public static async Task WriteAsync(string path, BackupManifest manifest, string contentPath, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 20 };
        if (!OperatingSystem.IsWindows())
        {
            // The content holds sealed personal data and wrapped keys: the backup is its owner's alone, as the database is.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
        {
            await using var manifestData = new MemoryStream(manifest.ToJson());
            await writer.WriteEntryAsync(Entry(BackupManifest.EntryName, manifestData, manifest.CreatedAt), cancellationToken);
            await using var content = new FileStream(contentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            await writer.WriteEntryAsync(Entry(manifest.Content, content, manifest.CreatedAt), cancellationToken);
        }

        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
    }

    private static PaxTarEntry Entry(string name, Stream data, DateTimeOffset at) => new(TarEntryType.RegularFile, name)
    {
        DataStream = data,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        ModificationTime = at,
    };

    public static BackupArchive Open(string path) => new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20));

    public async Task<Result<BackupManifest>> ReadManifestAsync(CancellationToken cancellationToken)
    {
        try
        {
            var entry = await _reader.GetNextEntryAsync(copyData: false, cancellationToken);
            if (entry is not { Name: BackupManifest.EntryName, DataStream: { } data } || entry.Length > MaxManifestBytes)
            {
                return Damaged("it does not start with a manifest");
            }

            var json = new byte[entry.Length];
            await data.ReadExactlyAsync(json, cancellationToken);
            return BackupManifest.FromJson(json) is { Format: > 0, Content.Length: > 0, ContentSha256.Length: 64, KeyCheck.Length: > 0 } manifest
                ? manifest
                : Damaged("its manifest cannot be read");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            return Damaged("it is not a tar archive, or is cut short");
        }
    }

    /// <summary>Copies the content to <paramref name="destination"/> and holds it against the manifest's length and SHA-256.</summary>
    public async Task<Failure?> ExtractContentAsync(BackupManifest manifest, string destination, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await _reader.GetNextEntryAsync(copyData: false, cancellationToken);
            if (entry?.Name != manifest.Content || entry.DataStream is not { } data)
            {
                return Damaged("its content is missing (the file is cut short)");
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 20 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var output = new FileStream(destination, options))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    length += read;
                }

                output.Flush(flushToDisk: true);
            }

            return length == manifest.ContentLength && Convert.ToHexStringLower(hash.GetHashAndReset()) == manifest.ContentSha256
                ? null
                : Damaged("its content does not match the SHA-256 in its manifest (the file is cut short or damaged)");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            return Damaged("its content is cut short");
        }
    }

    public static async Task<(long Length, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return (file.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)));
    }

    private static Failure Damaged(string why) => Failure.Invalid("input", "backup.damaged", $"The file is not a whole Custodian backup: {why}. Nothing was restored.");

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _file.DisposeAsync();
    }
}
