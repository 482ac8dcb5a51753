using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Custodian.Vault.Keys;

/// <summary>
/// The key-encryption key in a file under the data folder (<c>data/keys/kek.key</c>), created at first start with mode
/// 0600, with the keys a rotation retired (<c>data/keys/retired/</c>). A key file that others can read, or that is
/// malformed, stops the start with a clear message.
/// <para>
/// <c>custodian keys rotate</c> runs in another process while the server runs: it writes the new key file and re-wraps
/// the data keys. This provider notices: before wrapping it looks whether the key file changed, and when a wrapped key
/// does not open it reads the files again; it takes a new key only if a retired file names it as its successor.
/// </para>
/// </summary>
public sealed class FileKeyProvider : IKeyProvider
{
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Lock _reload = new();
    private volatile KeyRing _ring;
    private KeyFilesStamp _seen;

    private FileKeyProvider(string path, KeyRing ring, ILogger logger)
    {
        _path = path;
        _ring = ring;
        _seen = ring.Stamp;
        _logger = logger;
    }

    public string KeyId => _ring.Active.Id;

    internal KeyRing Ring => _ring;

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "keys", "kek.key");

    public static string RetiredFolderIn(string dataDirectory) => KeyFiles.RetiredFolder(PathIn(dataDirectory));

    /// <summary>Opens the key files; creates the key only when <paramref name="mayCreate"/> says no data depends on an earlier key.</summary>
    public static KeyFileResult Open(string path, bool mayCreate, ILogger? logger = null)
    {
        if (!File.Exists(path))
        {
            if (!mayCreate)
            {
                return new(null, $"Key file {path} is missing, and the database already holds data sealed with a key. Restore the key file from the key backup.");
            }

            KeyFiles.Create(path, KeyMaterial.NewFirst());
        }

        var (ring, error) = KeyRing.Load(path);
        return ring is null ? new(null, error) : new(new FileKeyProvider(path, ring, logger ?? NullLogger.Instance), null);
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData)
    {
        // A stat per data key made: after a rotation, new keys are wrapped under the new key, not the retired one.
        _ = ActiveKeyId();
        return Aead.Seal(_ring.Active.Aes, dataKey, associatedData);
    }

    public (string KeyId, byte[] Wrapped) WrapAsSeen(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> associatedData)
    {
        // One ring read: the id returned is the key's that wrapped, even if another thread swaps the ring meanwhile.
        var active = _ring.Active;
        return (active.Id, Aead.Seal(active.Aes, dataKey, associatedData));
    }

    public string ActiveKeyId()
    {
        if (KeyFilesStamp.ActiveChanged(_path, _seen))
        {
            Reload();
        }

        return _ring.Active.Id;
    }

    public byte[]? Unwrap(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData) => Unwrap(null, wrappedKey, associatedData);

    public byte[]? Unwrap(string? keyId, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData)
    {
        var ring = _ring;
        if (ring.Unwrap(keyId, wrappedKey, associatedData) is { } opened)
        {
            return opened;
        }

        // Re-wrapped by a rotation in another process since this ring was read: the files again, if they changed (or
        // the ring another thread has just read from them).
        var reloaded = Reload();
        return reloaded != ring ? reloaded.Unwrap(keyId, wrappedKey, associatedData) : null;
    }

    public byte[] DeriveKey(string use) => KeyUses.All.Contains(use)
        ? _ring.Active.Derive(use)
        : throw new ArgumentException($"Sub-key use '{use}' is not declared in KeyUses, so a key rotation would not carry it over.", nameof(use));

    /// <summary>The value stored in the database's key check: a MAC of a fixed label, from which the key cannot be learnt.</summary>
    internal byte[] CheckValue() => _ring.Active.Check;

    /// <summary>Whether <paramref name="check"/> is the key check of the active key or of a key a rotation retired (a backup from before it).</summary>
    internal bool HoldsCheck(byte[] check)
    {
        var ring = _ring;
        return ring.Retired.Prepend(ring.Active).Any(k => CryptographicOperations.FixedTimeEquals(k.Check, check));
    }

    /// <summary>Null while the key file on disk holds the key in use or its rotated successor (then taken); else why not (for readiness).</summary>
    internal string? CheckFile()
    {
        if (!File.Exists(_path))
        {
            return "the key file is missing";
        }

        var (loaded, _) = KeyRing.Load(_path);
        if (loaded is null)
        {
            return "the key file cannot be read";
        }

        return Take(loaded) ? null : "the key file no longer holds the key in use";
    }

    /// <summary>
    /// A rotation's first step: retires the active key into <c>retired/</c> naming its successor, then writes the new
    /// key over <c>kek.key</c>. A crash between the two leaves the old key active and a retired copy of it.
    /// </summary>
    internal KeyMaterial StartRotation()
    {
        lock (_reload)
        {
            var current = _ring.Active;
            var next = current.NewSuccessor();
            KeyFiles.Write(Path.Combine(KeyFiles.RetiredFolder(_path), current.RetiredFileName), current.RetiredFor(next));
            KeyFiles.Write(_path, next);
            var (loaded, error) = KeyRing.Load(_path);
            if (loaded is null || !Take(loaded))
            {
                throw new KeyFileException(error ?? $"The new key file {_path} was not taken after it was written.");
            }

            return next;
        }
    }

    private KeyRing Reload()
    {
        lock (_reload)
        {
            var stamp = KeyFilesStamp.Read(_path);
            if (stamp == _seen)
            {
                return _ring;
            }

            // Whatever is found, it is not read again until the files change again.
            _seen = stamp;
            var (loaded, error) = KeyRing.Load(_path);
            if (loaded is null)
            {
                _logger.LogError("Key files could not be read again; keeping key {KeyId}: {Problem}", _ring.Active.Id, error);
            }
            else if (!Take(loaded))
            {
                _logger.LogError("Key file no longer holds key {KeyId} nor a successor of it; keeping the key in use", _ring.Active.Id);
            }

            return _ring;
        }
    }

    /// <summary>Swaps <paramref name="loaded"/> in when its active key is the one in use or replaced it by rotation.</summary>
    private bool Take(KeyRing loaded)
    {
        lock (_reload)
        {
            var current = _ring;
            if (loaded.Stamp == current.Stamp)
            {
                // The same files: keep the ring whose keys are already set up on the threads that use them.
                return true;
            }

            if (!loaded.Succeeds(current.Active.Check))
            {
                return false;
            }

            if (!loaded.Active.IsSameKey(current.Active))
            {
                _logger.LogInformation("Key {KeyId} replaced by its rotated successor {NewKeyId}", current.Active.Id, loaded.Active.Id);
            }

            _ring = loaded;
            _seen = loaded.Stamp;
            return true;
        }
    }
}

public sealed record KeyFileResult(FileKeyProvider? Provider, string? Error);
