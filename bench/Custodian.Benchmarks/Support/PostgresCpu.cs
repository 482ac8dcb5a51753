namespace Custodian.Benchmarks.Support;

/// <summary>
/// CPU a local PostgreSQL spends for a bench (it shares the cores with the bench's process): from <c>/proc</c>, the
/// backends of one database and the cluster's writers (WAL writer, background writer, checkpointer), the children of
/// the postmaster that runs the backend <paramref name="backendPid"/>. Zero where there is no <c>/proc</c>.
/// </summary>
internal sealed class PostgresCpu(int backendPid, string database)
{
    private static readonly string[] Writers = ["walwriter", "background writer", "checkpointer"];
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The CPU of the backend <paramref name="pid"/> alone (user + system).</summary>
    public static TimeSpan OfProcess(int pid) => Stat(pid) is { } stat ? Ticks(stat.User + stat.System) : TimeSpan.Zero;

    public TimeSpan Total()
    {
        if (Stat(backendPid) is not { } backend)
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } stat && stat.Parent == backend.Parent)
            {
                var title = Title(pid);
                if (title.Contains($" {database} ", StringComparison.Ordinal) || Writers.Any(w => title.EndsWith(w, StringComparison.Ordinal)))
                {
                    ticks += stat.User + stat.System;
                }
            }
        }

        return Ticks(ticks);
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static string Title(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static (int Parent, long User, long System)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // After the command in parentheses: state, parent, ... utime is the 12th field, stime the 13th.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
