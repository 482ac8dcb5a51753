using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static Custodian.Storage.SqliteNative;

namespace Custodian.Audit;

/// <summary>
/// SQLite read through its own API: text columns are already the UTF-8 the hash is defined over, so each row is
/// encoded straight from SQLite's buffers into one reusable buffer, with no strings and no allocation per row.
/// The walk has its own native connection without SQLite's per-call mutex: it never leaves the walking thread.
/// </summary>
internal sealed class SqliteChainRows : IChainRows
{
    private const int NullType = 5;
    private const int BlobType = 4;
    private static readonly int[] NullableText = [6, 7, 8, 9];
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _row;
    private readonly byte[] _prevHash = new byte[32];
    private readonly byte[] _hash = new byte[32];
    private readonly byte[] _utf8 = new byte[64];
    private byte[] _buffer = new byte[4096];
    private int _prevLength;
    private int _hashLength;

    public SqliteChainRows(string path, long first, long last)
    {
        Check(raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null));
        Check(raw.sqlite3_busy_timeout(_db, 30_000));
        // Pages read through a memory map, not copied by a read call each: the walk touches every page once.
        Check(raw.sqlite3_exec(_db, "PRAGMA mmap_size = 1073741824"));
        Check(raw.sqlite3_prepare_v2(_db, IChainRows.Select, out _statement));
        Check(raw.sqlite3_bind_int64(_statement, 1, first));
        Check(raw.sqlite3_bind_int64(_statement, 2, last));
        _row = _statement.DangerousGetHandle();
    }

    public long Seq { get; private set; }

    public ReadOnlySpan<byte> PrevHash => _prevHash.AsSpan(0, _prevLength);

    public ReadOnlySpan<byte> Hash => _hash.AsSpan(0, _hashLength);

    public int Type => sqlite3_column_int(_row, 2);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        var rc = sqlite3_step(_row);
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        if (rc != raw.SQLITE_ROW)
        {
            Check(rc);
        }

        Seq = sqlite3_column_int64(_row, 0);
        _prevLength = Hash32(10, _prevHash);
        _hashLength = Hash32(11, _hash);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComputeHash(Span<byte> destination)
    {
        var w = AuditHash.FixedSize;
        AuditHash.WriteFixed(_buffer, Seq, Ticks(), sqlite3_column_int(_row, 2), sqlite3_column_int(_row, 3), PersonId());
        w = Text(w, 4);
        foreach (var column in NullableText)
        {
            w = Text(w, column);
        }

        Room(w + _prevLength);
        PrevHash.CopyTo(_buffer.AsSpan(w));
        ChainDigest.Hash(_buffer.AsSpan(0, w + _prevLength), destination);
    }

    public void Dispose()
    {
        _statement.Dispose();
        _db.Dispose();
    }

    /// <summary>A hash column copied out (the row's buffers go at the next step); anything not 32 bytes long reads as empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Hash32(int column, byte[] into)
    {
        var pointer = sqlite3_column_blob(_row, column);
        if (sqlite3_column_bytes(_row, column) != into.Length)
        {
            return 0;
        }

        Marshal.Copy(pointer, into, 0, into.Length);
        return into.Length;
    }

    // Asked for as a blob, a text value comes back as its UTF-8 bytes, unconverted: copied as the encoding wants them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Text(int at, int column)
    {
        if (sqlite3_column_type(_row, column) == NullType)
        {
            Room(at + 4);
            AuditHash.WriteLength(_buffer.AsSpan(at), -1);
            return at + 4;
        }

        var pointer = sqlite3_column_blob(_row, column);
        var length = sqlite3_column_bytes(_row, column);
        Room(at + 4 + length);
        AuditHash.WriteLength(_buffer.AsSpan(at), length);
        Copy(pointer, length, _buffer, at + 4);
        return at + 4 + length;
    }

    private void Room(int size)
    {
        if (size > _buffer.Length)
        {
            Array.Resize(ref _buffer, size * 2);
        }
    }

    private static void Copy(IntPtr pointer, int length, byte[] into, int at)
    {
        if (length > 0)
        {
            Marshal.Copy(pointer, into, at, length);
        }
    }

    private long Ticks() => SqliteInstant.ParseTicks(Utf8(1));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Guid? PersonId()
    {
        var type = sqlite3_column_type(_row, 5);
        if (type == NullType)
        {
            return null;
        }

        if (type == BlobType && sqlite3_column_bytes(_row, 5) == 16)
        {
            var bytes = new byte[16];
            Copy(sqlite3_column_blob(_row, 5), 16, bytes, 0);
            return new Guid(bytes);
        }

        return Guid.Parse(Utf8(5));
    }

    /// <summary>A short text column (an instant, an id) as its UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Utf8(int column)
    {
        var pointer = sqlite3_column_blob(_row, column);
        var length = sqlite3_column_bytes(_row, column);
        if (length > _utf8.Length)
        {
            return raw.sqlite3_column_blob(_statement, column).ToArray();
        }

        Copy(pointer, length, _utf8, 0);
        return _utf8.AsSpan(0, length);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
