using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Options;

namespace Custodian.Audit;

/// <summary>
/// The latest signed checkpoint, kept again outside the database in <c>data/keys/anchor</c> (rewritten with every
/// checkpoint), so that a chain cut short together with its checkpoints is still found: the database's own checkpoints
/// go with its rows. A restore explains a chain that ends before the anchor (<see cref="AuditRestore"/>).
/// </summary>
public sealed class AuditAnchor(IOptions<StorageOptions> options, IKeyProvider keys)
{
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "keys", "anchor");

    public string FilePath => PathIn(options.Value.DataDirectory);

    /// <summary>Replaces the anchor whole, flushed; not only forward: after a restore the new chain's head is lower.</summary>
    internal void Write(Guid? installation, long seq, byte[] hash)
    {
        var anchored = new Anchored(installation, seq, hash);
        var json = JsonSerializer.SerializeToUtf8Bytes(new AnchorFile(installation, seq, Convert.ToHexStringLower(hash), Convert.ToHexStringLower(Mac(anchored))));
        DataFolder.Create(Path.GetDirectoryName(FilePath)!);
        Durability.ReplaceFile(FilePath, json);
    }

    /// <summary>The anchor; null without one (an installation from before anchors, or a chain never checkpointed).</summary>
    /// <exception cref="InvalidDataException">The file is damaged, or its MAC does not hold under this key.</exception>
    internal Anchored? Read()
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        AnchorFile? file;
        try
        {
            file = JsonSerializer.Deserialize<AnchorFile>(File.ReadAllBytes(FilePath));
        }
        catch (JsonException)
        {
            file = null;
        }

        if (file is null || file.Hash.Length != 64 || file.Mac.Length != 64)
        {
            throw new InvalidDataException("the anchor outside the database (data/keys/anchor) is damaged");
        }

        var anchored = new Anchored(file.Installation, file.Seq, Convert.FromHexString(file.Hash));
        return CryptographicOperations.FixedTimeEquals(Mac(anchored), Convert.FromHexString(file.Mac))
            ? anchored
            : throw new InvalidDataException("the anchor outside the database (data/keys/anchor) does not hold its MAC: it was edited, or is another key's");
    }

    /// <summary>
    /// Holds the chain against the anchor: the event at the anchor's sequence number must carry the anchored hash, unless
    /// a restore the chain records replaced that anchor and a signed checkpoint follows the restore (a forged restore
    /// record has none). Also returns the last restore, for the verifier to say so.
    /// </summary>
    internal async Task<((long Seq, string Problem)? Failure, AuditRestore? Restore)> CheckAsync(
        DbConnection connection, long last, AuditChainStart? start, IReadOnlyList<long> restoreSeqs, CancellationToken cancellationToken)
    {
        var restores = await AuditRestore.ReadAsync(connection, restoreSeqs, cancellationToken);
        if (restores.Find(r => r.Seq != r.BackupSeq + 1) is { } stray)
        {
            return ((stray.Seq, "the restore record does not follow the head of the backup it names"), null);
        }

        Anchored? anchored;
        try
        {
            anchored = Read();
        }
        catch (InvalidDataException ex)
        {
            return ((last + 1, ex.Message), null);
        }

        var restore = restores.LastOrDefault();
        if (anchored is null)
        {
            return (null, restore);
        }

        if (anchored.Installation is { } theirs && await InstallationAsync(connection, cancellationToken) is { } ours && theirs != ours)
        {
            return ((last + 1, $"the anchor outside the database is installation {theirs}'s, not this database's ({ours})"), null);
        }

        // Pruning moved the chain's signed start (already verified) past the anchored event: the start vouches for it.
        if (start is not null && (anchored.Seq < start.Seq || (anchored.Seq == start.Seq && start.Hash.AsSpan().SequenceEqual(anchored.Hash))))
        {
            return (null, restore);
        }

        if (anchored.Seq <= last && ((await AuditRows.HashAtAsync(connection, anchored.Seq, cancellationToken)) ?? []).AsSpan().SequenceEqual(anchored.Hash))
        {
            return (null, restore);
        }

        var lastCheckpoint = await AuditRows.LastCheckpointSeqAsync(connection, cancellationToken);
        if (restores.Exists(r => r.ReplacedSeq == anchored.Seq && r.ReplacedHash == anchored.HashHex && lastCheckpoint >= r.Seq))
        {
            return (null, restore);
        }

        return (anchored.Seq > last
            ? (last + 1, $"truncated: the chain ends at event {last}, before the checkpoint anchored outside the database at event {anchored.Seq}, and no restore from a backup explains it")
            : (anchored.Seq, "event hash differs from the checkpoint anchored outside the database"), null);
    }

    private static async Task<Guid?> InstallationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await Installation.ReadAsync(connection, null, cancellationToken);
        }
        catch (DbException)
        {
            // A database from before the installation's id: nothing to compare.
            return null;
        }
    }

    private byte[] Mac(Anchored anchored) => HMACSHA256.HashData(keys.DeriveKey("audit-anchor"), Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{anchored.Installation:N}\n{anchored.Seq}\n{Convert.ToHexStringLower(anchored.Hash)}")));

    private sealed record AnchorFile(Guid? Installation, long Seq, string Hash, string Mac);
}

/// <summary>The checkpoint an anchor holds: the chain's head at <see cref="Seq"/> was <see cref="Hash"/>.</summary>
public sealed record Anchored(Guid? Installation, long Seq, byte[] Hash)
{
    public string HashHex => Convert.ToHexStringLower(Hash);
}
