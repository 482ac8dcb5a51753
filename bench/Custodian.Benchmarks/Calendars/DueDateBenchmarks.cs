using BenchmarkDotNet.Attributes;
using Custodian.Calendars;

namespace Custodian.Benchmarks.Calendars;

/// <summary>
/// Due dates per second once a calendar's table exists (target: 1,000,000/s), and what building the table costs once.
/// <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- --filter '*DueDate*'</c>
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DueDateBenchmarks
{
    private const int Batch = 4096;

    private readonly DateTimeOffset[] _received = new DateTimeOffset[Batch];
    private readonly DateOnly[] _dates = new DateOnly[Batch];
    private BusinessCalendar _japan = null!;
    private BusinessCalendar _mexico = null!;

    [GlobalSetup]
    public void Setup()
    {
        var calendars = new BusinessCalendars(new CalendarsOptions());
        _japan = calendars.Get(BusinessCalendars.Japan).Value!;
        _mexico = calendars.Get(BusinessCalendars.Mexico).Value!;

        // Fixed seed: every run measures the same receipts, spread over seven years and all offsets.
        var random = new Random(20261218);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Batch; i++)
        {
            var instant = start.AddMinutes(random.Next(0, 7 * 365 * 24 * 60));
            _received[i] = instant.ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 57)));
            _dates[i] = DateOnly.FromDateTime(instant.UtcDateTime);
        }

        // Build the tables outside the measurement: the steady state is what the target is about.
        _ = _japan.DueDate(start, 1);
        _ = _mexico.DueDate(start, 1);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int DueDate_jp() => Sum(_japan);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int DueDate_mx() => Sum(_mexico);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int AddBusinessDays_jp_without_time_zone()
    {
        var sum = 0;
        foreach (var date in _dates)
        {
            sum += _japan.AddBusinessDays(date, 14).Value.DayNumber;
        }

        return sum;
    }

    [Benchmark]
    public bool First_use_builds_the_1980_2099_table_jp() =>
        new BusinessCalendars(new CalendarsOptions()).Get(BusinessCalendars.Japan).Value!.IsBusinessDay(new DateOnly(2026, 5, 6)).Value;

    private int Sum(BusinessCalendar calendar)
    {
        var sum = 0;
        foreach (var received in _received)
        {
            sum += calendar.DueDate(received, 14).Value.DayNumber;
        }

        return sum;
    }
}
