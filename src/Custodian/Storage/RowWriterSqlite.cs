using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static Custodian.Storage.SqliteNative;

namespace Custodian.Storage;

/// <summary>
/// <see cref="RowWriter"/>'s SQLite path: one INSERT with positional parameters, prepared on the context's own
/// connection (so inside its transaction) and stepped per row, values bound through SQLite's C API the way
/// Microsoft.Data.Sqlite binds them (a Guid as upper-case text, a DateTime as ISO text, enums and bools as
/// integers), so rows are stored exactly as SaveChanges stores them. Microsoft.Data.Sqlite looks each named
/// parameter up and converts each string to a new UTF-8 array per bind; this binds UTF-16 straight from the string.
/// </summary>
internal sealed class RowWriterSqlite : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly char[] _chars = new char[64];

    public RowWriterSqlite(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("RowWriter writes inside the caller's transaction.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
    }

    /// <summary>Binds the 1-based parameter <paramref name="index"/> to a provider value (after the model's converter).</summary>
    public void Bind(int index, object? value) => Check(value switch
    {
        null => sqlite3_bind_null(_handle, index),
        string s => sqlite3_bind_text16(_handle, index, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s.AsSpan()), s.Length * 2, Transient),
        byte[] { Length: 0 } => sqlite3_bind_zeroblob(_handle, index, 0),
        byte[] b => sqlite3_bind_blob(_handle, index, b, b.Length, Transient),
        Guid g => BindGuid(index, g),
        DateTime d => BindChars(index, FormatDateTime(d, _chars)),
        bool b => sqlite3_bind_int64(_handle, index, b ? 1 : 0),
        Enum e => sqlite3_bind_int64(_handle, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        int i => sqlite3_bind_int64(_handle, index, i),
        long l => sqlite3_bind_int64(_handle, index, l),
        _ => throw new NotSupportedException($"RowWriter does not bind {value.GetType().Name} values on SQLite."),
    });

    /// <summary>Inserts the row bound so far.</summary>
    public void Step()
    {
        var rc = sqlite3_step(_handle);
        sqlite3_reset(_handle);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int BindGuid(int index, Guid guid)
    {
        guid.TryFormat(_chars, out var length);
        for (var i = 0; i < length; i++)
        {
            _chars[i] = char.ToUpperInvariant(_chars[i]);
        }

        return BindChars(index, length);
    }

    /// <summary>
    /// <paramref name="value"/> as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction without its trailing zeros, and without
    /// the point when it is zero), as Microsoft.Data.Sqlite writes it. The custom format string was parsed again on every
    /// call: three times a person in an import.
    /// </summary>
    internal static int FormatDateTime(DateTime value, Span<char> chars)
    {
        var (year, month, day) = value;
        Digits(chars[..4], year);
        chars[4] = '-';
        Digits(chars.Slice(5, 2), month);
        chars[7] = '-';
        Digits(chars.Slice(8, 2), day);
        chars[10] = ' ';
        Digits(chars.Slice(11, 2), value.Hour);
        chars[13] = ':';
        Digits(chars.Slice(14, 2), value.Minute);
        chars[16] = ':';
        Digits(chars.Slice(17, 2), value.Second);
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }

        chars[19] = '.';
        Digits(chars.Slice(20, 7), fraction);
        var length = 27;
        while (chars[length - 1] == '0')
        {
            length--;
        }

        return length;
    }

    private static void Digits(Span<char> chars, int value)
    {
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private int BindChars(int index, int length) => sqlite3_bind_text16(_handle, index, ref _chars[0], length * 2, Transient);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
