using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Options;

namespace Custodian.Vault;

/// <summary>
/// The id of every person erased, appended and flushed to disk under <c>data/keys/</c> before the erasure commits. A
/// database restored from a backup taken before an erasure brings the person back; the ledger, kept apart from the
/// database's backups, erases them again (<see cref="ErasureReplay"/>). Ids only, one a line, each with a MAC chained
/// over every line before it under a sub-key of the key-encryption key: an edited, removed or reordered line is found.
/// </summary>
public sealed class ErasureLedger(IOptions<StorageOptions> options, IKeyProvider keys)
{
    private const string Header = "custodian erasure ledger v1";
    private const int LineLength = 32 + 1 + 64 + 1;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lazy<byte[]> _macKey = new(() => keys.DeriveKey("erasure-ledger"));

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "keys", "erasures.ledger");

    public string FilePath => PathIn(options.Value.DataDirectory);

    /// <summary>Appends the ids and waits until they are on disk; the erasure may commit only after this returns.</summary>
    public async Task RecordAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default)
    {
        if (personIds.Count == 0)
        {
            return;
        }

        await _writer.WaitAsync(cancellationToken);
        try
        {
            var created = !File.Exists(FilePath);
            await using (var stream = await OpenExclusiveAsync(cancellationToken))
            {
                var previous = LastMac(stream);
                var text = new StringBuilder(personIds.Count * LineLength);
                if (stream.Length == 0)
                {
                    text.Append(Header).Append('\n');
                }

                foreach (var id in personIds)
                {
                    previous = Mac(previous, id);
                    text.Append(id.ToString("N")).Append(' ').Append(Convert.ToHexStringLower(previous)).Append('\n');
                }

                stream.Seek(0, SeekOrigin.End);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (created)
            {
                Durability.SyncFolder(Path.GetDirectoryName(FilePath)!);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Every id in the ledger, in order (an id may appear twice); none when there is no ledger. A last line without its
    /// newline was never flushed, so no erasure waited for it: it is left out.
    /// </summary>
    /// <exception cref="ErasureLedgerException">A line does not hold its MAC: the file was edited or damaged.</exception>
    public IReadOnlyList<Guid> Read()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        string text;
        using (var stream = Open(new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read }))
        using (var reader = new StreamReader(stream, Encoding.ASCII))
        {
            text = reader.ReadToEnd();
        }

        var lines = text.Split('\n');
        if (lines.Length == 1)
        {
            return [];
        }

        if (lines[0] != Header)
        {
            throw Damaged(1);
        }

        var ids = new List<Guid>(lines.Length);
        var previous = new byte[32];
        // The last element follows the last newline: empty, or a line torn by a crash.
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var parts = lines[i].Split(' ');
            if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id) || !TryHex(parts[1], out var mac)
                || !CryptographicOperations.FixedTimeEquals(mac, Mac(previous, id)))
            {
                throw Damaged(i + 1);
            }

            ids.Add(id);
            previous = mac;
        }

        return ids;
    }

    private byte[] Mac(byte[] previous, Guid id)
    {
        Span<byte> message = stackalloc byte[48];
        previous.CopyTo(message);
        id.TryWriteBytes(message[32..], bigEndian: true, out _);
        return HMACSHA256.HashData(_macKey.Value, message);
    }

    /// <summary>The MAC the next line chains on; cuts a torn last line off first.</summary>
    private static byte[] LastMac(FileStream stream)
    {
        var tail = new byte[(int)Math.Min(stream.Length, 2 * LineLength)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        var end = Array.LastIndexOf(tail, (byte)'\n');
        if (end < tail.Length - 1)
        {
            stream.SetLength(stream.Length - tail.Length + end + 1);
        }

        if (end < 0)
        {
            return new byte[32];
        }

        var start = Array.LastIndexOf(tail, (byte)'\n', Math.Max(end - 1, 0)) + 1;
        var line = Encoding.ASCII.GetString(tail, start, end - start);
        return line == Header ? new byte[32]
            : line.Length == LineLength - 1 && TryHex(line[33..], out var mac) ? mac
            : throw new ErasureLedgerException($"The erasure ledger's last line is damaged: restore it from the key backup.");
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = text.Length == 64 && text.All(char.IsAsciiHexDigitLower) ? Convert.FromHexString(text) : [];
        return bytes.Length == 32;
    }

    /// <summary>The file, created owner-only, locked against other processes (another server, a command) for the append.</summary>
    private Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        DataFolder.Create(Path.GetDirectoryName(FilePath)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return Task.Run(() => Open(fileOptions), cancellationToken);
    }

    /// <summary>
    /// Opens the file under its lock (.NET takes an exclusive lock for an append, a shared one for a read), waiting up to
    /// five seconds while another process holds it.
    /// </summary>
    private FileStream Open(FileStreamOptions fileOptions)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(FilePath, fileOptions);
            }
            catch (IOException) when (attempt < 200 && File.Exists(FilePath))
            {
                Thread.Sleep(25);
            }
        }
    }

    private ErasureLedgerException Damaged(int line) => new(string.Create(CultureInfo.InvariantCulture,
        $"The erasure ledger {FilePath} was changed or damaged at line {line}: restore it from the key backup (docs/operations.md)."));
}

/// <summary>The erasure ledger does not verify; the message names the file and line and what to do.</summary>
public sealed class ErasureLedgerException(string message) : Exception(message);
