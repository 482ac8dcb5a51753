using Spectre.Console;

namespace Custodian.Cli;

/// <summary>A progress bar on stderr when it is a terminal; silent otherwise, so piped output stays clean.</summary>
internal static class Progress
{
    public static async Task<T> RunAsync<T>(string description, Func<IProgress<long>, Task<T>> work, long? total = null)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(new Progress<long>());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(description, maxValue: total ?? 1);
            task.IsIndeterminate = total is null;
            var progress = new Progress<long>(done => task.Value = total is null ? 0 : done);
            var value = await work(progress);
            task.Value = task.MaxValue;
            return value;
        });
    }

    /// <summary>As <see cref="RunAsync{T}"/> for work counted in rows: the bar shows rows per second and the time left.</summary>
    public static async Task<T> RunRowsAsync<T>(string description, Func<IProgress<long>, Task<T>> work, long total)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(new Progress<long>());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RowsPerSecondColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                var value = await work(new Progress<long>(done => task.Value = done));
                task.Value = task.MaxValue;
                return value;
            });
    }

    private sealed class RowsPerSecondColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:N0} rows/s" : "– rows/s");
    }
}
