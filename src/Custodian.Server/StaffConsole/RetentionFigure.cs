using Custodian.Retention;

namespace Custodian.Server.StaffConsole;

/// <summary>Records due for disposal now, and how many more fall due within the window.</summary>
public sealed record RetentionDue(int DueNow, int DueSoon);

/// <summary>
/// The home page's retention figure. Counting what has expired walks every person of a policy against their other
/// records (hundreds of milliseconds at 100,000 persons), and the answer moves by the day, not by the request: it is
/// counted at most once per ten minutes and shared by every page that shows it.
/// </summary>
internal sealed class RetentionFigure(DisposalRun run, TimeProvider time)
{
    public const int Days = 30;

    private readonly SharedFigure<RetentionDue> _figure = new(time, TimeSpan.FromMinutes(10));

    public Task<RetentionDue> DueAsync(CancellationToken cancellationToken) => _figure.GetAsync(null, async ct =>
    {
        var lines = await run.DueAsync(Days, ct);
        return new RetentionDue(lines.Sum(l => l.DueNow), lines.Sum(l => l.DueWithin));
    }, cancellationToken);
}
