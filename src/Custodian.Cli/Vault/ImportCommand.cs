using System.CommandLine;
using System.Globalization;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Vault;

/// <summary>
/// <c>custodian import --input persons.csv</c>: registers persons through the vault. Every row is checked
/// first, on every core, so a bad row stops the import before anything is written. A row whose e-mail or telephone
/// already belongs to a person is skipped (or, with <c>--on-duplicate fail</c>, stops the import), so a rerun after a
/// crash registers only those the first run did not reach.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file; the header names the policy's item ids (name, email, ...)", Required = true };
        var channel = new Option<string>("--channel") { Description = "Channel the data was acquired through", DefaultValueFactory = _ => "service-application" };
        var delimiter = new Option<string>("--delimiter") { Description = "Field delimiter", DefaultValueFactory = _ => "," };
        var onDuplicate = new Option<string>("--on-duplicate")
        {
            Description = "A row whose e-mail or telephone already belongs to a person: skip it, or fail and import nothing",
            DefaultValueFactory = _ => "skip",
        }.AcceptOnlyFromAmong("skip", "fail");
        var command = new Command("import", "Register persons from a CSV file through the vault");
        command.Options.Add(input);
        command.Options.Add(channel);
        command.Options.Add(delimiter);
        command.Options.Add(onDuplicate);
        command.Options.Add(CliOutput.DataOption);
        command.SetAction(async (result, ct) =>
        {
            var file = result.GetValue(input)!;
            if (!file.Exists)
            {
                await result.Error().WriteLineAsync($"{file.FullName}: no such file.");
                return CliOutput.Failed;
            }

            await using var host = CliHost.Create(result);
            // The start's migration and EF's model (about half a second on one core) get ready while the file is read
            // and its rows are checked on the other cores, instead of before.
            var prepared = Task.Run(() => PrepareAsync(host, ct), ct);
            (List<Result<CheckedRegistration>>? Rows, string? Error) read;
            try
            {
                read = ReadAndCheck(file, result.GetValue(delimiter)!, result.GetValue(channel)!, host.Services.GetRequiredService<Enrolment>(), ct);
            }
            finally
            {
                // Whatever happened here, the host is not disposed under the preparation; a key-file problem surfaces from either.
                await prepared;
            }

            if (read.Error is not null)
            {
                await result.Error().WriteLineAsync($"{file.Name}: {read.Error}");
                return CliOutput.Failed;
            }

            var checkedRows = read.Rows!;
            var problems = checkedRows.Select((p, i) => (Line: i + 2, p.Failure)).Where(x => x.Failure is not null).ToList();
            if (problems.Count > 0)
            {
                foreach (var (line, failure) in problems.Take(50))
                {
                    var errors = failure!.Errors ?? new Dictionary<string, string[]> { [failure.Field ?? "row"] = [$"{failure.Code}: {failure.Detail}"] };
                    foreach (var (field, messages) in errors)
                    {
                        await result.Error().WriteLineAsync($"{file.Name}:{line}: {field}: {string.Join("; ", messages)}");
                    }
                }

                await result.Error().WriteLineAsync($"{problems.Count} row(s) break a rule; nothing was imported.");
                return CliOutput.Failed;
            }

            var rows = checkedRows.ConvertAll(c => c.Value!);
            var duplicates = await host.Services.GetRequiredService<ImportDuplicates>().FindAsync(rows, cancellationToken: ct);
            foreach (var duplicate in duplicates)
            {
                await result.Error().WriteLineAsync($"{file.Name}:{duplicate.Row + 2}: {duplicate.Item}: duplicate");
            }

            var skipped = duplicates.Select(d => d.Row).ToHashSet();
            if (skipped.Count > 0 && result.GetValue(onDuplicate) == "fail")
            {
                await result.Error().WriteLineAsync($"{skipped.Count} row(s) are already registered; nothing was imported.");
                return CliOutput.Failed;
            }

            var fresh = skipped.Count == 0 ? rows : rows.Where((_, i) => !skipped.Contains(i)).ToList();
            var vault = host.Services.GetRequiredService<PersonVault>();
            var imported = fresh.Count == 0 ? 0 : await Progress.RunAsync(
                "Importing persons", progress => vault.ImportAsync(Actor.System, fresh, progress, cancellationToken: ct), fresh.Count);
            await result.Out().WriteLineAsync($"imported {imported} persons, skipped {skipped.Count} duplicates");
            return CliOutput.Ok;
        });
        return command;
    }

    private static async Task PrepareAsync(CliHost host, CancellationToken cancellationToken)
    {
        await host.PrepareAsync(cancellationToken);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(cancellationToken);
        _ = db.Model;
    }

    private static (List<Result<CheckedRegistration>>? Rows, string? Error) ReadAndCheck(
        FileInfo file, string delimiter, string channel, Enrolment enrolment, CancellationToken cancellationToken)
    {
        var rows = Read(file, delimiter, channel, out var error);
        return error is not null ? (null, error) : (rows.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(enrolment.Check).ToList(), null);
    }

    private static List<Registration> Read(FileInfo file, string delimiter, string channel, out string? error)
    {
        var rows = new List<Registration>();
        error = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, DetectColumnCountChanges = true };
        try
        {
            using var reader = new StreamReader(file.FullName);
            using var csv = new CsvReader(reader, configuration);
            if (!csv.Read() || !csv.ReadHeader())
            {
                error = "the file has no header row.";
                return rows;
            }

            var header = csv.HeaderRecord!;
            while (csv.Read())
            {
                var items = new Dictionary<string, string?>(header.Length);
                for (var i = 0; i < header.Length; i++)
                {
                    var value = csv.GetField(i);
                    items[header[i]] = string.IsNullOrEmpty(value) ? null : value;
                }

                rows.Add(new Registration(channel, items));
            }
        }
        catch (CsvHelperException ex)
        {
            error = $"line {ex.Context?.Parser?.Row}: the CSV is malformed (e.g. a row with a different number of fields).";
        }

        return rows;
    }
}
