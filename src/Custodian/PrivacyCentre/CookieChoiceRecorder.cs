using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Custodian.Audit;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.PrivacyCentre;

/// <summary>
/// Writes cookie choices by group commit: many visitors' choices share one transaction and one fsync.
/// Each batch is audited by ONE event whose subject is a digest of its receipts, so the chain still proves
/// which choices were recorded without one chain link (and one chain lock) per visitor.
/// </summary>
public sealed class CookieChoiceRecorder : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly IDbContextFactory<CustodianDb> _factory;
    private readonly AuditLog _audit;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Task _writer;

    public CookieChoiceRecorder(IDbContextFactory<CustodianDb> factory, AuditLog audit)
    {
        _factory = factory;
        _audit = audit;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Returns once the choice is durable.</summary>
    public Task RecordAsync(CookieChoice choice, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(choice, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The cookie choice recorder is shut down.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The audit subject of a batch: its size and a digest of its receipts in order.</summary>
    public static string BatchSubject(IEnumerable<Guid> receipts)
    {
        var list = receipts.ToList();
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', list)));
        return $"cookie-choices:{list.Count}:{Convert.ToHexStringLower(digest)}";
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await using var db = await _factory.CreateDbContextAsync();
                var choices = batch.ConvertAll(p => p.Choice);
                var entry = new AuditEntry(AuditEventType.CookieChoicesRecorded, "system", Subject: BatchSubject(choices.Select(c => c.Id)));
                // Plain commands in the audit transaction: no change tracking for rows that are only ever appended.
                await _audit.CommitAsync(db, [entry], (d, ct) => RowWriter.InsertAsync(d, choices, ct));
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private sealed record Pending(CookieChoice Choice, TaskCompletionSource Done);
}
