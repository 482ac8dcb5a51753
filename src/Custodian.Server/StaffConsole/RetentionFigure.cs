using Custodian.Retention;

namespace Custodian.Server.StaffConsole;

/// <summary>Records due for disposal now, and how many more fall due within the window.</summary>
public sealed record RetentionDue(int DueNow, int DueSoon);

/// <summary>
/// The home page's retention figure. Counting what has expired walks every person of a policy against their other
/// records (hundreds of milliseconds at 100,000 persons), and the answer moves by the day, not by the request: it is
/// counted at most once per <see cref="Fresh"/> and shared by every page that shows it.
/// </summary>
internal sealed class RetentionFigure(DisposalRun run, TimeProvider time)
{
    public const int Days = 30;
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private (DateTimeOffset At, RetentionDue Figure)? _last;

    public async Task<RetentionDue> DueAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } figure)
        {
            return figure;
        }

        // One count at a time: pages that arrive meanwhile wait for it instead of starting their own.
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (Current() is { } counted)
            {
                return counted;
            }

            var lines = await run.DueAsync(Days, cancellationToken);
            var due = new RetentionDue(lines.Sum(l => l.DueNow), lines.Sum(l => l.DueWithin));
            _last = (time.GetUtcNow(), due);
            return due;
        }
        finally
        {
            _counting.Release();
        }
    }

    private RetentionDue? Current() => _last is { } last && time.GetUtcNow() - last.At < Fresh ? last.Figure : null;
}
