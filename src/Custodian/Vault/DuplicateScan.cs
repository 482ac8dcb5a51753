using System.Runtime.InteropServices;
using Custodian.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SQLitePCL;
using static Custodian.Storage.SqliteNative;

namespace Custodian.Vault;

/// <summary>
/// <see cref="ImportDuplicates"/> over a file read chunk by chunk: each chunk's digests are looked up in the blind
/// indexes, then its rows are walked in order against the items of the rows kept so far. Those are held as the first
/// 16 bytes of each HMAC digest (a collision is about 2^-128 likely per pair), not as strings: about 40 bytes per item
/// with the set's own overhead, so 80 MB for a million rows of an e-mail and a telephone, 800 MB for ten million.
/// </summary>
internal sealed class DuplicateScan : IAsyncDisposable
{
    private readonly CustodianDb _db;
    private readonly int _lookUpBatch;
    private readonly Dictionary<string, HashSet<DigestKey>> _kept = new(StringComparer.Ordinal);
    private readonly SqliteLookUp? _sqlite;
    private int _expectedRows;

    internal DuplicateScan(CustodianDb db, int lookUpBatch)
    {
        _db = db;
        _lookUpBatch = lookUpBatch;
        if (db.Database.IsSqlite())
        {
            _sqlite = new SqliteLookUp((SqliteConnection)db.Database.GetDbConnection(), lookUpBatch);
        }
    }

    /// <summary>
    /// About how many rows the file has: each item's set is made that size at once. Grown a doubling at a time, a set
    /// of a million ends up to 1.4 million slots and, while it doubles the last time, holds both its old and new arrays.
    /// </summary>
    public void Expect(int rows) => _expectedRows = Math.Max(0, rows);

    /// <summary>The duplicates among the next rows of the file (their digests, in file order), by index in this chunk.</summary>
    public async Task<List<ChunkDuplicate>> NextAsync(IReadOnlyList<ImportDigest[]> rows, CancellationToken cancellationToken)
    {
        var registered = await RegisteredAsync(rows, cancellationToken);
        var duplicates = new List<ChunkDuplicate>();
        for (var row = 0; row < rows.Count; row++)
        {
            var before = duplicates.Count;
            foreach (var digest in rows[row])
            {
                var key = DigestKey.Of(digest.Value);
                var inDatabase = registered.TryGetValue(digest.Kind, out var found) && found.Contains(key);
                if (inDatabase || (_kept.TryGetValue(digest.Kind, out var kept) && kept.Contains(key)))
                {
                    duplicates.Add(new ChunkDuplicate(row, digest.Item, inDatabase));
                }
            }

            // Only a row that will be registered claims its items: one skipped as a duplicate claims nothing.
            if (duplicates.Count == before)
            {
                foreach (var digest in rows[row])
                {
                    if (!_kept.TryGetValue(digest.Kind, out var kept))
                    {
                        _kept[digest.Kind] = kept = new HashSet<DigestKey>(_expectedRows);
                    }

                    kept.Add(DigestKey.Of(digest.Value));
                }
            }
        }

        return duplicates;
    }

    private async Task<Dictionary<string, HashSet<DigestKey>>> RegisteredAsync(IReadOnlyList<ImportDigest[]> rows, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, HashSet<DigestKey>>(StringComparer.Ordinal);
        foreach (var kind in rows.SelectMany(d => d).GroupBy(d => d.Kind))
        {
            // In key order, so each query walks the index forward instead of jumping across it.
            var distinct = kind.Select(d => d.Value).Distinct(ByteArrayComparer.Instance).ToList();
            distinct.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
            var set = found[kind.Key] = [];
            foreach (var batch in distinct.Chunk(_lookUpBatch))
            {
                if (_sqlite is not null)
                {
                    _sqlite.Find(kind.Key, batch, set);
                }
                else
                {
                    await FindPostgresAsync(kind.Key, batch, set, cancellationToken);
                }
            }
        }

        return found;
    }

    private async Task FindPostgresAsync(string kind, byte[][] digests, HashSet<DigestKey> found, CancellationToken cancellationToken)
    {
        await using var command = (NpgsqlCommand)_db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """SELECT "Digest" FROM vault_blind_indexes WHERE "Kind" = $1 AND "Digest" = ANY($2)""";
        command.Parameters.Add(new NpgsqlParameter { Value = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = digests });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(DigestKey.Of((byte[])reader[0]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        await _db.DisposeAsync();
    }

    // One statement of lookUpBatch positional parameters, prepared once and bound through SQLite's C API: named
    // parameters made Microsoft.Data.Sqlite look each of the thousand names up on every run.
    private sealed class SqliteLookUp : IDisposable
    {
        private readonly sqlite3_stmt _statement;
        private readonly IntPtr _handle;
        private readonly int _size;

        public SqliteLookUp(SqliteConnection connection, int size)
        {
            _size = size;
            var sql = $"""SELECT "Digest" FROM "vault_blind_indexes" WHERE "Kind" = ?1 AND "Digest" IN ({string.Join(',', Enumerable.Range(2, size).Select(i => "?" + i))})""";
            var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            _handle = _statement.DangerousGetHandle();
        }

        public void Find(string kind, byte[][] digests, HashSet<DigestKey> found)
        {
            sqlite3_bind_text16(_handle, 1, ref MemoryMarshal.GetReference(kind.AsSpan()), kind.Length * 2, Transient);
            // A short last batch repeats its first digest, so the prepared statement keeps its shape.
            for (var i = 0; i < _size; i++)
            {
                var digest = digests[i < digests.Length ? i : 0];
                sqlite3_bind_blob(_handle, i + 2, digest, digest.Length, Transient);
            }

            try
            {
                int rc;
                while ((rc = sqlite3_step(_handle)) == raw.SQLITE_ROW)
                {
                    var blob = sqlite3_column_blob(_handle, 0);
                    if (sqlite3_column_bytes(_handle, 0) >= 16)
                    {
                        found.Add(new DigestKey((ulong)Marshal.ReadInt64(blob), (ulong)Marshal.ReadInt64(blob, 8)));
                    }
                }

                if (rc != raw.SQLITE_DONE)
                {
                    throw new SqliteException($"The duplicate look-up failed (SQLite error {rc}).", rc);
                }
            }
            finally
            {
                sqlite3_reset(_handle);
            }
        }

        public void Dispose() => _statement.Dispose();
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length >= 4 ? BitConverter.ToInt32(obj) : obj.Length;
    }
}

/// <summary>The first 16 bytes of a blind-index digest: HMAC output is uniform, so they are as good a key as all 32.</summary>
internal readonly struct DigestKey(ulong high, ulong low) : IEquatable<DigestKey>
{
    private readonly ulong _high = high;
    private readonly ulong _low = low;

    public static DigestKey Of(ReadOnlySpan<byte> digest) =>
        digest.Length >= 16
            ? new(MemoryMarshal.Read<ulong>(digest), MemoryMarshal.Read<ulong>(digest[8..]))
            : throw new ArgumentException("A blind-index digest has at least 16 bytes.", nameof(digest));

    public bool Equals(DigestKey other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is DigestKey other && Equals(other);

    public override int GetHashCode() => (int)_high;
}
