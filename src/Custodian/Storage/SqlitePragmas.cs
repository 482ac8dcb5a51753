using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Custodian.Storage;

/// <summary>
/// WAL for concurrent readers; synchronous=FULL so a committed audit event is durable;
/// secure_delete so an erased person's key and ciphertext are overwritten, not left in free pages;
/// 8 KiB pages for a new database (SQLite fixes the size when the first page is written, so this does nothing to an
/// existing one): the log writes a frame per page, and with 4 KiB pages a 100,000-person import spent a quarter of its
/// writer's time in the kernel writing them (docs/benchmarks.md);
/// a checkpoint every 1,000 log pages (SQLite's default, 8 MB at 8 KiB pages): checkpoints every 10,000 pages made imports about 10%
/// faster, but the commit that runs one waits for it, and at 40 MB that wait put an entry's 99th percentile at 91 ms
/// instead of 28 ms (docs/benchmarks.md).
/// The settings belong to the native connection, which the pool keeps open, so each is set once.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas =
        "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    public void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        if (_configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        _configured.AddOrUpdate(handle, handle);
    }
}
