using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Custodian.Anonymization;
using Custodian.Common;
using Spectre.Console;
using Release = Custodian.Anonymization.Anonymization;

namespace Custodian.Cli.Anonymization;

/// <summary>
/// <c>custodian anonymize</c>: optimal full-domain generalization with suppression. Exit codes: 0 released,
/// 1 the data or hierarchies are invalid (or no transformation satisfies the models), 2 bad usage.
/// Nothing is written unless the whole run succeeds.
/// </summary>
internal static class AnonymizeCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Input CSV with a header row" };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter (one character)", DefaultValueFactory = _ => ";" };
        var hierarchies = new Option<string>("--hierarchies") { Description = "Folder of <column>.csv or *_hierarchy_<column>.csv files" };
        var qis = new Option<string>("--quasi-identifiers") { Description = "Comma-separated quasi-identifier columns" };
        var k = new Option<string>("--k") { Description = "k-anonymity (default 1)" };
        var suppression = new Option<string>("--suppression") { Description = "Suppression limit in [0,1] (default 0)" };
        var quality = new Option<string>("--quality") { Description = "loss|entropy|discernibility|aecs|precision", DefaultValueFactory = _ => "loss" };
        var l = new Option<string>("--l") { Description = "l-diversity on --sensitive" };
        var lKind = new Option<string>("--l-kind") { Description = "distinct|entropy", DefaultValueFactory = _ => "distinct" };
        var t = new Option<string>("--t") { Description = "Equal-distance t-closeness on --sensitive" };
        var sensitive = new Option<string>("--sensitive") { Description = "Sensitive attribute for l and t" };
        var output = new Option<string>("--output") { Description = "Anonymized CSV to write" };
        var report = new Option<string>("--report") { Description = "JSON report to write" };
        var command = new Command("anonymize", "Release an optimally k-anonymous (l-diverse, t-close) table")
        {
            input, delimiter, hierarchies, qis, k, suppression, quality, l, lKind, t, sensitive, output, report,
        };
        command.SetAction(parse =>
        {
            var request = AnonymizeRequest.From(
                parse.GetValue(input), parse.GetValue(delimiter), parse.GetValue(hierarchies), parse.GetValue(qis),
                parse.GetValue(k), parse.GetValue(suppression), parse.GetValue(quality), parse.GetValue(l),
                parse.GetValue(lKind), parse.GetValue(t), parse.GetValue(sensitive), parse.GetValue(output),
                parse.GetValue(report));
            if (!request.Succeeded)
            {
                parse.Error().WriteLine($"error: {request.Failure!.Detail}");
                return CliOutput.Usage;
            }
            return Run(request.Value!, parse.Out(), parse.Error());
        });
        return command;
    }

    internal static int Run(AnonymizeRequest request, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        if (Unusable(request) is { } unusable) return Fail(stderr, unusable);
        var clock = Stopwatch.StartNew();
        var table = Read(request);
        if (!table.Succeeded) return Fail(stderr, table.Failure!);
        var hierarchies = HierarchyFolder.Load(request.HierarchyFolder, request.Options.QuasiIdentifiers);
        if (!hierarchies.Succeeded) return Fail(stderr, hierarchies.Failure!);

        var result = Console.IsErrorRedirected
            ? Anonymizer.Run(table.Value!, hierarchies.Value!, request.Options)
            : WithProgress(table.Value!, hierarchies.Value!, request.Options);
        if (!result.Succeeded) return Fail(stderr, result.Failure!);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var anonymization = result.Value!;
        var json = AnonymizeReport.ToJson(anonymization.Summary, request.Options, elapsed);
        var files = new List<(string Path, Action<TextWriter> Write)>();
        if (request.Output is not null) files.Add((request.Output, writer => anonymization.Write(writer, request.Delimiter)));
        if (request.Report is not null) files.Add((request.Report, writer => writer.Write(json)));
        if (WriteAll(files) is { } notWritten) return Fail(stderr, notWritten);
        if (request.Report is not null)
        {
            // The JSON went to its file; the terminal gets what a person reads.
            var preview = ReleasePreview.Of(request.Options.K, request.Options.SuppressionLimit, anonymization.Summary, hierarchies.Value!, table.Value!.RowCount);
            AnonymizeSummaryText.Write(stdout, anonymization.Summary, preview, elapsed, request);
        }
        else
        {
            stdout.WriteLine(json);
        }

        return 0;
    }

    private static Result<Release> WithProgress(EncodedTable table, IReadOnlyDictionary<string, Hierarchy> hierarchies,
        AnonymizationOptions options)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Result<Release> result = default;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("Searching the generalization lattice");
            result = Anonymizer.Run(table, hierarchies, options, (done, total) =>
            {
                task.MaxValue = total;
                task.Value = done;
            });
        });
        return result;
    }

    /// <summary>
    /// Checked before the search, so that a path the run cannot use is one line on stderr at once rather than a stack
    /// trace after the work (and, for the report, after the output file was already in place).
    /// </summary>
    private static Failure? Unusable(AnonymizeRequest request) =>
        !File.Exists(request.Input) ? Failure.Invalid("input", "anonymize.no_input", $"Input file '{request.Input}' does not exist.")
        : FolderMissing(request.Output) ? Failure.Invalid("output", "anonymize.no_output_folder", $"The folder of --output '{request.Output}' does not exist.")
        : FolderMissing(request.Report) ? Failure.Invalid("report", "anonymize.no_report_folder", $"The folder of --report '{request.Report}' does not exist.")
        : null;

    private static bool FolderMissing(string? path) => path is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)));

    private static Result<EncodedTable> Read(AnonymizeRequest request)
    {
        try
        {
            return EncodedTable.ReadFile(request.Input, request.Delimiter);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure.Invalid("input", "anonymize.unreadable_input", $"Input file '{request.Input}' cannot be read: {ex.GetType().Name}.");
        }
    }

    /// <summary>
    /// Writes every file next to its target first and renames them only once all are written, so a failure (a folder
    /// removed meanwhile, a full disk) leaves neither a partial file nor the output without its report.
    /// </summary>
    private static Failure? WriteAll(IReadOnlyList<(string Path, Action<TextWriter> Write)> files)
    {
        var suffix = ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var (path, write) in files)
            {
                using var writer = new StreamWriter(path + suffix, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
                write(writer);
            }
            foreach (var (path, _) in files)
                File.Move(path + suffix, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure.Invalid("output", "anonymize.not_written", $"The release could not be written ({ex.GetType().Name}).");
        }
        finally
        {
            foreach (var (path, _) in files)
                if (File.Exists(path + suffix)) File.Delete(path + suffix);
        }
    }

    private static int Fail(TextWriter stderr, Failure failure)
    {
        stderr.WriteLine($"error: {failure.Detail}");
        return CliOutput.Failed;
    }
}
