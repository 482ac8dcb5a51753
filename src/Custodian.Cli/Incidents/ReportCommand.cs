using System.CommandLine;
using Custodian.Incidents.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Incidents;

/// <summary>
/// <c>custodian incidents report --incident ID --stage preliminary|final --lang ja|en|es --format pdf|json --output FILE</c>:
/// a draft of the report to the PPC with Enforcement Rule Art. 8(1)'s nine items, prefilled from the register.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var incident = new Option<string>("--incident") { Description = "The incident's id or number", Required = true };
        var stage = new Option<string>("--stage") { Description = "preliminary (速報) or final (確報)", Required = true };
        stage.AcceptOnlyFromAmong([.. ReportDrafts.Stages]);
        var language = new Option<string>("--lang") { Description = "ja (the one filed with the PPC), en or es", DefaultValueFactory = _ => "ja" };
        language.AcceptOnlyFromAmong("ja", "en", "es");
        var format = new Option<string>("--format") { Description = "pdf or json", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "json");
        var output = new Option<FileInfo>("--output") { Description = "The file to write", Required = true };
        var report = new Command("report", "Draft the preliminary or final report to the PPC (Enforcement Rule Art. 8), prefilled from the incident")
        {
            incident, stage, language, format, output, CliOutput.DataOption,
        };
        report.SetAction(async (parsed, ct) =>
        {
            await using var cli = await CliHost.OpenAsync(parsed, ct);
            return await RunAsync(
                cli.Services, parsed.GetValue(incident), parsed.GetValue(stage), parsed.GetValue(language), parsed.GetValue(format), parsed.GetValue(output)!, parsed.Error(), ct);
        });
        return report;
    }

    internal static async Task<int> RunAsync(
        IServiceProvider services, string? incident, string? stage, string? language, string? format, FileInfo output, TextWriter error, CancellationToken cancellationToken)
    {
        var drafts = services.GetRequiredService<ReportDrafts>();
        var draft = await drafts.DraftAsync(incident, stage, language, cancellationToken);
        if (draft.Failure is { } failure)
        {
            await error.WriteLineAsync($"--{failure.Field ?? "incident"}: {failure.Detail} ({failure.Code})");
            return CliOutput.Usage;
        }

        // Written beside the target and moved into place: a failed run leaves no half-written draft.
        var partial = output.FullName + ".partial";
        if (format == "json")
        {
            await File.WriteAllTextAsync(partial, ReportDrafts.ToJson(draft.Value!), new System.Text.UTF8Encoding(false), cancellationToken);
        }
        else
        {
            await File.WriteAllBytesAsync(partial, drafts.ToPdf(draft.Value!), cancellationToken);
        }

        File.Move(partial, output.FullName, overwrite: true);
        await error.WriteLineAsync($"{draft.Value!.Title}: {output.Name}");
        return CliOutput.Ok;
    }
}
