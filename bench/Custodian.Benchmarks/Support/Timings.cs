using System.Diagnostics;
using System.Globalization;

namespace Custodian.Benchmarks.Support;

/// <summary>Repeated timings of one operation, reported as median, p95 and max in one line.</summary>
internal static class Timings
{
    public static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> run)
    {
        await run(); // warm-up: JIT, the connection pool, caches the operation fills
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    public static void Report(string what, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95) - 1]:F1} ms, max {times[^1]:F1} ms ({times.Count} runs)"));
    }
}
