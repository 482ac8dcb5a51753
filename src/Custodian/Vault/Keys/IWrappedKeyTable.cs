using Custodian.Storage;

namespace Custodian.Vault.Keys;

/// <summary>
/// A table whose rows hold data keys wrapped by the key-encryption key, each beside the id of the key that wrapped it.
/// A key rotation re-wraps every row of every such table; each module that keeps one registers it.
/// </summary>
internal interface IWrappedKeyTable
{
    /// <summary>How many rows are wrapped under another key than <paramref name="activeKeyId"/>.</summary>
    Task<int> CountOthersAsync(CustodianDb db, string activeKeyId, CancellationToken cancellationToken);

    /// <summary>
    /// Loads up to <paramref name="batchSize"/> rows wrapped under another key than the active one, tracked on
    /// <paramref name="db"/>, and wraps their keys again under the active key; the caller saves them.
    /// </summary>
    Task<RewrapBatch> RewrapAsync(CustodianDb db, int batchSize, CancellationToken cancellationToken);
}

/// <param name="Count">Rows re-wrapped.</param>
/// <param name="From">The key ids they were wrapped under.</param>
/// <param name="Unopenable">The record (by id) whose key no key held opens; nothing of the batch is to be saved then.</param>
internal sealed record RewrapBatch(int Count, IReadOnlySet<string> From, string? Unopenable = null)
{
    /// <summary>Re-wraps each row with <paramref name="rewrap"/>, stopping at the first whose key does not open.</summary>
    public static RewrapBatch Of<T>(IReadOnlyList<T> rows, Func<T, string> keyId, Func<T, bool> rewrap, Func<T, string> name)
    {
        var from = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var wrappedUnder = keyId(row);
            from.Add(wrappedUnder);
            if (!rewrap(row))
            {
                return new(0, from, $"{name(row)} (wrapped under key {wrappedUnder})");
            }
        }

        return new(rows.Count, from);
    }
}
