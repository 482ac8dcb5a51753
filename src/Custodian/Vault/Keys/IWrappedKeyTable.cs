namespace Custodian.Vault.Keys;

/// <summary>
/// A table whose rows hold data keys wrapped by the key-encryption key, each beside the id of the key that wrapped it.
/// A key rotation re-wraps every row of every such table; each module that keeps one registers it.
/// </summary>
internal interface IWrappedKeyTable
{
    /// <summary>What a row is called in messages, the entity, and its properties: the row's id (a <see cref="Guid"/>), the wrapping key's id, the wrapped key (empty once destroyed).</summary>
    WrappedKeyColumns Columns { get; }

    /// <summary>The associated data the row's key is wrapped with, which binds it to its record.</summary>
    byte[] AssociatedData(Guid id);
}

internal sealed record WrappedKeyColumns(string Name, Type Entity, string Id, string KeyId, string Wrapped);

/// <param name="Count">Rows re-wrapped.</param>
/// <param name="Read">Rows read (those changed meanwhile by someone else are read again by the next batch).</param>
/// <param name="From">The key ids they were wrapped under.</param>
/// <param name="Unopenable">The record (by id) whose key no key held opens; nothing of the batch is written then.</param>
internal sealed record RewrapBatch(int Count, int Read, IReadOnlySet<string> From, string? Unopenable = null);
