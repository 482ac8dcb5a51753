using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault;

/// <summary>A row of an import (0-based) whose item already belongs to a person; names the item, never its value.</summary>
internal sealed record DuplicateRow(int Row, string Item);

/// <summary>
/// Finds the rows of an import that would register someone again: an e-mail or telephone already in the blind
/// indexes, or one of a row earlier in the same file that is itself registered. This is what makes a rerun after a
/// crash finish the job instead of registering everyone twice.
/// </summary>
internal sealed class ImportDuplicates(IDbContextFactory<CustodianDb> factory, VaultCrypto crypto)
{
    /// <summary>The rows' duplicates in one go (the file fits in memory); a streaming import uses <see cref="OpenAsync"/>.</summary>
    public async Task<IReadOnlyList<DuplicateRow>> FindAsync(
        IReadOnlyList<CheckedRegistration> rows, int lookUpBatch = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookUpBatch, 1);
        await using var scan = await OpenAsync(lookUpBatch, cancellationToken);
        var digests = rows.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(Digests).ToArray();
        var found = await scan.NextAsync(digests, cancellationToken);
        return found.ConvertAll(d => new DuplicateRow(d.Index, d.Item));
    }

    /// <summary>A scan of one file, chunk by chunk in file order, remembering the items of the rows it keeps.</summary>
    public async Task<DuplicateScan> OpenAsync(int lookUpBatch = 1000, CancellationToken cancellationToken = default)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new DuplicateScan(db, lookUpBatch);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The blind-index digests of a checked row; thread-safe, so a chunk's rows are digested on every core.</summary>
    public ImportDigest[] Digests(CheckedRegistration row)
    {
        var (registration, policy, _) = row;
        ImportDigest[]? digests = null;
        var n = 0;
        foreach (var (id, value) in registration.Items)
        {
            if (!string.IsNullOrWhiteSpace(value) && policy.FindItem(id) is { } item && Enrolment.IndexKind(item.Type) is { } kind)
            {
                digests ??= new ImportDigest[2];
                if (n == digests.Length)
                {
                    Array.Resize(ref digests, n * 2);
                }

                digests[n++] = new ImportDigest(id, kind, crypto.BlindIndex(kind, ItemRules.Normalize(item, value)));
            }
        }

        return digests is null ? [] : n == digests.Length ? digests : digests[..n];
    }
}

/// <summary>One blind-index digest of a row of an import, with the item it comes from.</summary>
internal readonly record struct ImportDigest(string Item, string Kind, byte[] Value);

/// <summary>A duplicate item of the row at <paramref name="Index"/> of a chunk; <paramref name="InDatabase"/>: already registered, not only earlier in the file.</summary>
internal readonly record struct ChunkDuplicate(int Index, string Item, bool InDatabase);
