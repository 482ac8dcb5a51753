namespace Custodian.Server.StaffConsole;

/// <summary>
/// A home-page figure counted at most once per freshness period and shared by every viewer, one count at a time:
/// pages that arrive during a count wait for it instead of starting their own. A different key (the day, for
/// figures that move by the day) counts afresh at once.
/// </summary>
internal sealed class SharedFigure<T>(TimeProvider time, TimeSpan fresh) where T : class
{
    private readonly SemaphoreSlim _counting = new(1, 1);
    private (DateTimeOffset At, object? Key, T Figure)? _last;

    public async Task<T> GetAsync(object? key, Func<CancellationToken, Task<T>> count, CancellationToken cancellationToken)
    {
        if (Current(key) is { } figure)
        {
            return figure;
        }

        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (Current(key) is { } counted)
            {
                return counted;
            }

            var value = await count(cancellationToken);
            _last = (time.GetUtcNow(), key, value);
            return value;
        }
        finally
        {
            _counting.Release();
        }
    }

    private T? Current(object? key) => _last is { } last && Equals(last.Key, key) && time.GetUtcNow() - last.At < fresh ? last.Figure : null;
}
