using System.CommandLine;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Vault;

/// <summary>
/// <c>custodian import --input persons.csv</c>: registers persons through the vault, in two streaming passes so memory
/// does not grow with the file. The first checks every row and finds its duplicates (in the database and earlier in
/// the file) and reports every problem; only a clean file is written, by the second. A row whose e-mail or telephone
/// already belongs to a person is skipped (or, with <c>--on-duplicate fail</c>, stops the import), so a rerun after a
/// crash registers only those the first run did not reach, and says where it resumed.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV or JSON-lines file; the columns (keys) name the policy's item ids (name, email, ...), or --map renames them", Required = true };
        var format = new Option<string>("--format") { Description = "csv, or jsonl (one JSON object per line); by default from the file's extension" }
            .AcceptOnlyFromAmong("csv", "jsonl");
        var map = new Option<FileInfo?>("--map") { Description = "YAML file of 'source column: policy item' lines (an empty item drops the column)" };
        var checkOnly = new Option<bool>("--check-only") { Description = "Check every row and report, without writing anything" };
        var channel = new Option<string>("--channel") { Description = "Channel the data was acquired through", DefaultValueFactory = _ => "service-application" };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter of a CSV", DefaultValueFactory = _ => "," };
        var onDuplicate = new Option<string>("--on-duplicate")
        {
            Description = "A row whose e-mail or telephone already belongs to a person: skip it, or fail and import nothing",
            DefaultValueFactory = _ => "skip",
        }.AcceptOnlyFromAmong("skip", "fail");
        var command = new Command("import", "Register persons from a CSV or JSON-lines file through the vault");
        foreach (var option in new Option[] { input, format, map, checkOnly, channel, delimiter, onDuplicate, CliOutput.DataOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            var file = result.GetValue(input)!;
            if (!file.Exists)
            {
                await result.Error().WriteLineAsync($"{file.FullName}: no such file.");
                return CliOutput.Failed;
            }

            var mapFile = result.GetValue(map);
            if (mapFile is { Exists: false })
            {
                await result.Error().WriteLineAsync($"{mapFile.FullName}: no such file.");
                return CliOutput.Failed;
            }

            await using var host = CliHost.Create(result);
            // The start's migration and EF's model get ready while the first rows are read and checked.
            var prepared = Task.Run(() => PrepareAsync(host, ct), ct);
            try
            {
                var options = new ImportOptions(
                    file, result.GetValue(format) == "jsonl" || (result.GetValue(format) is null && IsJsonLines(file)), result.GetValue(delimiter)!,
                    result.GetValue(channel)!, result.GetValue(onDuplicate) == "fail", result.GetValue(checkOnly));
                return await RunAsync(result, host, options, mapFile, prepared, ct);
            }
            finally
            {
                // Whatever happened here, the host is not disposed under the preparation; a key-file problem surfaces from either.
                await prepared;
            }
        });
        return command;
    }

    private static bool IsJsonLines(FileInfo file) => file.Extension.ToLowerInvariant() is ".jsonl" or ".ndjson";

    private static async Task<int> RunAsync(ParseResult result, CliHost host, ImportOptions options, FileInfo? mapFile, Task prepared, CancellationToken ct)
    {
        var error = result.Error();
        var policy = host.Services.GetRequiredService<PolicyStore>().Default;
        var columns = ColumnMap.None;
        if (mapFile is not null)
        {
            var (loaded, mapProblems) = ColumnMap.Load(mapFile.FullName, policy);
            foreach (var problem in mapProblems)
            {
                await error.WriteLineAsync(problem);
            }

            if (loaded is null)
            {
                await error.WriteLineAsync("The column mapping is wrong; nothing was imported.");
                return CliOutput.Failed;
            }

            columns = loaded;
        }

        var pass = new ImportPass(host.Services.GetRequiredService<Enrolment>(), options, columns, policy);
        var check = await pass.CheckAsync(host.Services.GetRequiredService<ImportDuplicates>(), prepared, error, ct);
        if (check.Problems > 0)
        {
            await error.WriteLineAsync($"{check.Problems} row(s) break a rule; nothing was imported.");
            return CliOutput.Failed;
        }

        if (check.Duplicates > 0 && options.FailOnDuplicate)
        {
            await error.WriteLineAsync($"{check.Duplicates} row(s) are already registered; nothing was imported.");
            return CliOutput.Failed;
        }

        var fresh = check.Rows - check.Duplicates;
        if (options.CheckOnly)
        {
            await result.Out().WriteLineAsync($"checked {check.Rows} rows: {fresh} would be imported, {check.Duplicates} skipped as duplicates; nothing was written");
            return CliOutput.Ok;
        }

        if (check.AlreadyImported > 0 && fresh > 0)
        {
            await result.Out().WriteLineAsync($"resuming after line {check.ResumeAfterLine}: {check.AlreadyImported} persons already imported");
        }

        // The first pass's set of the file's digests (tens of MB at a million rows) is garbage now: handing its memory
        // back before the writer's batches and page cache grow keeps the peak at the larger pass, not their sum.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await prepared;
        var vault = host.Services.GetRequiredService<PersonVault>();
        var imported = fresh == 0 ? 0 : await Progress.RunRowsAsync(
            "Importing persons", progress => vault.ImportAsync(Actor.System, pass.FreshRows(check.Skipped), pass.Checked, new ImportHeap(progress), cancellationToken: ct), fresh);
        await result.Out().WriteLineAsync($"imported {imported} persons, skipped {check.Duplicates} duplicates");
        return CliOutput.Ok;
    }

    private static async Task PrepareAsync(CliHost host, CancellationToken cancellationToken)
    {
        await host.PrepareAsync(cancellationToken);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(cancellationToken);
        _ = db.Model;
    }
}

internal sealed record ImportOptions(FileInfo File, bool JsonLines, string Delimiter, string Channel, bool FailOnDuplicate, bool CheckOnly);
