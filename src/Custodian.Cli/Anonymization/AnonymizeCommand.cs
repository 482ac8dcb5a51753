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
                Console.Error.WriteLine($"error: {request.Failure!.Detail}");
                return 2;
            }
            return Run(request.Value!);
        });
        return command;
    }

    internal static int Run(AnonymizeRequest request, TextWriter? stdout = null)
    {
        stdout ??= Console.Out;
        var clock = Stopwatch.StartNew();
        var table = EncodedTable.ReadFile(request.Input, request.Delimiter);
        if (!table.Succeeded) return Fail(table.Failure!);
        var hierarchies = HierarchyFolder.Load(request.HierarchyFolder, request.Options.QuasiIdentifiers);
        if (!hierarchies.Succeeded) return Fail(hierarchies.Failure!);

        var result = Console.IsErrorRedirected
            ? Anonymizer.Run(table.Value!, hierarchies.Value!, request.Options)
            : WithProgress(table.Value!, hierarchies.Value!, request.Options);
        if (!result.Succeeded) return Fail(result.Failure!);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        var anonymization = result.Value!;
        if (request.Output is not null)
            WriteAtomically(request.Output, writer => anonymization.Write(writer, request.Delimiter));
        var json = AnonymizeReport.ToJson(anonymization.Summary, request.Options, elapsed);
        if (request.Report is not null)
        {
            WriteAtomically(request.Report, writer => writer.Write(json));
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

    /// <summary>Writes next to the target and renames, so a failure never leaves a partial file behind.</summary>
    private static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
                write(writer);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static int Fail(Failure failure)
    {
        Console.Error.WriteLine($"error: {failure.Detail}");
        return 1;
    }
}
