using System.CommandLine;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Provision;

/// <summary><c>custodian provision records --person ID | --company ID [--from DAY] [--to DAY]</c>: provision records as CSV.</summary>
internal static class ProvisionCommands
{
    public static Command Create()
    {
        var person = new Option<Guid?>("--person") { Description = "The person's id" };
        var company = new Option<Guid?>("--company") { Description = "The client company's id" };
        var from = new Option<DateOnly?>("--from") { Description = "First day (UTC), inclusive, as YYYY-MM-DD" };
        var to = new Option<DateOnly?>("--to") { Description = "Last day (UTC), exclusive, as YYYY-MM-DD" };
        var records = new Command("records", "Print the provision records of a person or a company as CSV (APPI Art. 29 records)");
        records.Options.Add(person);
        records.Options.Add(company);
        records.Options.Add(from);
        records.Options.Add(to);
        records.Options.Add(CliOutput.DataOption);
        records.Validators.Add(result =>
        {
            if (result.GetValue(person) is null && result.GetValue(company) is null)
            {
                result.AddError("Give --person or --company.");
            }
        });
        records.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            return await WriteAsync(cli.Services, parse.GetValue(person), parse.GetValue(company), parse.GetValue(from), parse.GetValue(to), parse.Out(), parse.Error(), cancellationToken);
        });

        var provision = new Command("provision", "Provision of personal data to third parties");
        provision.Subcommands.Add(records);
        return provision;
    }

    internal static async Task<int> WriteAsync(
        IServiceProvider services, Guid? person, Guid? company, DateOnly? from, DateOnly? to, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(cancellationToken);
        var rows = await ProvisionRecords.SearchAsync(db, services.GetRequiredService<AuditLog>(), Actor.System, person, company, from, to, cancellationToken);
        if (!rows.Succeeded)
        {
            await error.WriteLineAsync($"{rows.Failure!.Code}: {rows.Failure.Detail}");
            return CliOutput.Failed;
        }

        await ProvisionRecords.WriteCsvAsync(rows.Value!, output, cancellationToken);
        return CliOutput.Ok;
    }

}
