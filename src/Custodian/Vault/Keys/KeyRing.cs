using System.Security.Cryptography;

namespace Custodian.Vault.Keys;

/// <summary>
/// The keys under <c>data/keys/</c>: the active one (<c>kek.key</c>), which wraps, and the retired ones
/// (<c>retired/*.key</c>), which still unwrap what was wrapped before a rotation: the rows a rotation has not reached
/// yet, and a backup restored from before it. Immutable; a provider swaps in a new ring when the files change.
/// </summary>
internal sealed class KeyRing
{
    private KeyRing(KeyMaterial active, IReadOnlyList<KeyMaterial> retired, KeyFilesStamp stamp)
    {
        Active = active;
        Retired = retired;
        Stamp = stamp;
    }

    public KeyMaterial Active { get; }
    public IReadOnlyList<KeyMaterial> Retired { get; }
    public KeyFilesStamp Stamp { get; }

    public static (KeyRing? Ring, string? Error) Load(string activePath)
    {
        var stamp = KeyFilesStamp.Read(activePath);
        var (active, error) = KeyFiles.Read(activePath);
        if (active is null)
        {
            return (null, error);
        }

        var retired = new List<KeyMaterial>();
        var folder = KeyFiles.RetiredFolder(activePath);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.key").Order(StringComparer.Ordinal))
            {
                var (key, retiredError) = KeyFiles.Read(path);
                if (key is null)
                {
                    return (null, retiredError);
                }

                retired.Add(key);
            }
        }

        return (new KeyRing(active, retired, stamp), null);
    }

    /// <summary>The key named first (a wrapped key records which key wrapped it), then the active one, then the retired ones.</summary>
    public byte[]? Unwrap(string? keyId, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData)
    {
        var named = keyId is null ? null : Find(keyId);
        if (named is not null && Aead.Open(named.Aes, wrappedKey, associatedData) is { } opened)
        {
            return opened;
        }

        if (named != Active && Aead.Open(Active.Aes, wrappedKey, associatedData) is { } openedActive)
        {
            return openedActive;
        }

        foreach (var key in Retired)
        {
            if (key != named && Aead.Open(key.Aes, wrappedKey, associatedData) is { } openedRetired)
            {
                return openedRetired;
            }
        }

        return null;
    }

    public KeyMaterial? Find(string keyId) =>
        Active.Id == keyId ? Active : Retired.FirstOrDefault(k => k.Id == keyId);

    public bool IsRetired(KeyMaterial key) => Retired.Any(key.IsSameKey);

    /// <summary>
    /// Whether the key with check value <paramref name="from"/> is this ring's active key, or was replaced by it through
    /// rotations: each retired file names its successor. A damaged or foreign key file is no key's successor.
    /// </summary>
    public bool Succeeds(byte[] from)
    {
        var check = from;
        for (var step = 0; step <= Retired.Count; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(check, Active.Check))
            {
                return true;
            }

            var retired = Retired.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Check, check));
            if (retired?.SuccessorCheck is not { } next)
            {
                return false;
            }

            check = next;
        }

        return false;
    }
}

/// <summary>When the key files last changed: the active file's time and length, the retired folder's time.</summary>
internal readonly record struct KeyFilesStamp(DateTime Active, long ActiveLength, DateTime Retired)
{
    public static KeyFilesStamp Read(string activePath)
    {
        var active = new FileInfo(activePath);
        return new(active.Exists ? active.LastWriteTimeUtc : default, active.Exists ? active.Length : -1, Directory.GetLastWriteTimeUtc(KeyFiles.RetiredFolder(activePath)));
    }

    public static bool ActiveChanged(string activePath, KeyFilesStamp seen)
    {
        var active = new FileInfo(activePath);
        return !active.Exists || active.LastWriteTimeUtc != seen.Active || active.Length != seen.ActiveLength;
    }
}
