using Custodian.Audit;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Retention;

/// <summary>One rule's line of a run: what expired before the cut-off, and how many went (or would go, in a dry run).</summary>
public sealed record DisposalLine(AppliedRule Rule, DateTime Before, int Count, string Method);

public sealed record DisposalReport(Guid RunId, DateTime At, bool DryRun, IReadOnlyList<DisposalLine> Lines)
{
    public int Total => Lines.Sum(l => l.Count);
}

/// <summary>What one rule has expired now, and what it will have expired by the end of the coming days.</summary>
public sealed record DueLine(AppliedRule Rule, int DueNow, int DueWithin);

/// <summary>
/// Applies the retention schedule: every rule in force, each through its kind's disposer, batch by batch. A dry run
/// counts and changes nothing. A run stopped part-way has disposed of whole batches, each recorded; the next run
/// finds only what is left.
/// </summary>
internal sealed class DisposalRun
{
    private readonly IDbContextFactory<CustodianDb> _factory;
    private readonly RetentionSchedule _schedule;
    private readonly Dictionary<Policy.RecordKind, IRecordDisposer> _disposers;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly IOptions<RetentionOptions> _options;
    private readonly ILogger<DisposalRun> _logger;

    public DisposalRun(
        IDbContextFactory<CustodianDb> factory, RetentionSchedule schedule, IEnumerable<IRecordDisposer> disposers, AuditLog audit,
        TimeProvider time, IOptions<RetentionOptions> options, ILogger<DisposalRun> logger)
    {
        _factory = factory;
        _schedule = schedule;
        _disposers = disposers.ToDictionary(d => d.Kind);
        _audit = audit;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public IReadOnlyList<AppliedRule> Rules => _schedule.Rules;

    public async Task<DisposalReport> RunAsync(Actor actor, bool dryRun, IProgress<DisposalLine>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var runId = Guid.CreateVersion7(_time.GetUtcNow());
        var lines = new List<DisposalLine>();
        foreach (var rule in _schedule.Rules)
        {
            var disposer = _disposers[rule.Kind];
            var context = new DisposalContext(rule, actor, runId, now, disposer.Method, _options.Value.BatchSize);
            var count = dryRun
                ? await disposer.CountAsync(rule, now, cancellationToken)
                : await disposer.DisposeAsync(context, cancellationToken);
            var line = new DisposalLine(rule, context.Before, count, disposer.Method);
            lines.Add(line);
            progress?.Report(line);
            if (!dryRun && count > 0)
            {
                _logger.LogInformation("Disposal run {RunId}: {Count} {Kind} of policy {PolicyId} disposed", runId, count, rule.KindId, rule.PolicyId);
            }
        }

        var report = new DisposalReport(runId, now, dryRun, lines);
        if (!dryRun)
        {
            await using var db = await _factory.CreateDbContextAsync(cancellationToken);
            await _audit.CommitAsync(db, [new AuditEntry(AuditEventType.RetentionRunCompleted, actor.AuditName, Reason: $"disposed:{report.Total}", Subject: runId.ToString())], cancellationToken);
        }

        return report;
    }

    /// <summary>Per rule: how many records are due now, and how many more fall due within <paramref name="days"/>.</summary>
    public async Task<IReadOnlyList<DueLine>> DueAsync(int days, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var lines = new List<DueLine>();
        foreach (var rule in _schedule.Rules)
        {
            var disposer = _disposers[rule.Kind];
            var dueNow = await disposer.CountAsync(rule, now, cancellationToken);
            var dueLater = await disposer.CountAsync(rule, now.AddDays(days), cancellationToken);
            lines.Add(new DueLine(rule, dueNow, Math.Max(0, dueLater - dueNow)));
        }

        return lines;
    }

    /// <summary>Past disposal records, newest first.</summary>
    public async Task<IReadOnlyList<DisposalRecord>> RecordsAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<DisposalRecord>().AsNoTracking().OrderByDescending(r => r.At).ThenBy(r => r.Kind).Take(max).ToListAsync(cancellationToken);
    }
}
