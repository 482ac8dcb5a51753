using System.Security.Cryptography;
using System.Text;

namespace Custodian.Vault.Keys;

/// <summary>
/// The key-encryption key in a file under the data folder, created at first start with mode 0600.
/// A key file that others can read, or that is malformed, stops the start with a clear message.
/// </summary>
public sealed class FileKeyProvider : IKeyProvider
{
    private const int KeySize = 32;
    private readonly byte[] _key;

    // Setting an AES key up costs more than wrapping one data key with it; AesGcm is not for sharing between threads.
    private readonly ThreadLocal<AesGcm> _wrapper;

    private FileKeyProvider(byte[] key)
    {
        _key = key;
        _wrapper = new(() => new AesGcm(_key, Aead.TagSize));
        KeyId = "file:" + Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 4));
    }

    public string KeyId { get; }

    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, "keys", "kek.key");

    /// <summary>Opens the key file; creates it only when <paramref name="mayCreate"/> says no data depends on an earlier key.</summary>
    public static KeyFileResult Open(string path, bool mayCreate)
    {
        if (!File.Exists(path))
        {
            if (!mayCreate)
            {
                return new(null, $"Key file {path} is missing, and the database already holds data sealed with a key. Restore the key file from the key backup.");
            }

            Create(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return new(null, $"Key file {path} can be read by other users (mode {Convert.ToString((int)mode, 8)}). Run: chmod 600 {path}");
            }
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim());
        }
        catch (FormatException)
        {
            return new(null, $"Key file {path} is not a base64-encoded {KeySize}-byte key.");
        }

        return key.Length == KeySize
            ? new(new FileKeyProvider(key), null)
            : new(null, $"Key file {path} is not a base64-encoded {KeySize}-byte key.");
    }

    private static void Create(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize))));
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData) => Aead.Seal(_wrapper.Value!, dataKey, associatedData);

    public byte[]? Unwrap(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData) => Aead.Open(_wrapper.Value!, wrappedKey, associatedData);

    /// <summary>The value stored in the database's key check: a MAC of a fixed label, from which the key cannot be learnt.</summary>
    internal byte[] CheckValue() => HMACSHA256.HashData(DeriveKey("key-check"), "custodian key check v1"u8);

    public byte[] DeriveKey(string use) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, KeySize, info: Encoding.UTF8.GetBytes("custodian:" + use));
}

public sealed record KeyFileResult(FileKeyProvider? Provider, string? Error);
