using System.Runtime.InteropServices;

namespace Custodian.Storage;

/// <summary>
/// The few SQLite calls made per row of a chain walk or a bulk insert, bound straight to the library SQLitePCLRaw
/// loads. Through SQLitePCLRaw each call also takes and releases the statement's SafeHandle and converts strings
/// to UTF-8 arrays, a fifth of a walk's CPU. Reading a column and binding a value neither block nor call back,
/// so those calls skip the GC transition; stepping a statement does I/O and keeps it.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound value before the call returns.</summary>
    public static readonly IntPtr Transient = new(-1);

    [DllImport(Library)]
    public static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library)]
    public static extern int sqlite3_reset(IntPtr statement);

    [DllImport(Library), SuppressGCTransition]
    public static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_int(IntPtr statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_bytes(IntPtr statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_null(IntPtr statement, int index);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_zeroblob(IntPtr statement, int index, int length);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_bind_blob(IntPtr statement, int index, byte[] value, int length, IntPtr destructor);

    // Unicode makes char blittable: the characters are pinned where they are, not copied.
    [DllImport(Library, CharSet = CharSet.Unicode), SuppressGCTransition]
    public static extern int sqlite3_bind_text16(IntPtr statement, int index, ref char value, int bytes, IntPtr destructor);
}
