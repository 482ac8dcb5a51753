using System.Runtime.InteropServices;

namespace Custodian.Audit;

/// <summary>
/// The few SQLite calls made per row of a chain walk, bound straight to the library SQLitePCLRaw loads. Through
/// SQLitePCLRaw each call also takes and releases the statement's SafeHandle, a fifth of a walk's CPU.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    [DllImport(Library)]
    public static extern int sqlite3_step(IntPtr statement);

    [DllImport(Library)]
    public static extern long sqlite3_column_int64(IntPtr statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_column_int(IntPtr statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_column_type(IntPtr statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_column_bytes(IntPtr statement, int column);

    [DllImport(Library)]
    public static extern IntPtr sqlite3_column_blob(IntPtr statement, int column);
}
