using System.CommandLine;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Staff;

/// <summary><c>custodian access review --from D --to D [--department NAME] [--format text|csv]</c>: the regular check of access logs.</summary>
internal static class AccessCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "First day of the period (YYYY-MM-DD, local to Staff:AccessReview's time zone)", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the period (YYYY-MM-DD), inclusive", Required = true };
        var department = new Option<string?>("--department") { Description = "Only the staff of this department (name or id)" };
        var format = new Option<string>("--format") { Description = "text or csv", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv");
        var review = new Command("review", "Reads per staff member, bulk reads, reads outside working hours, denied attempts and persons viewed by many staff, from the audit log")
        {
            from, to, department, format, CliOutput.DataOption,
        };
        review.SetAction(async (parsed, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parsed, ct);
            var report = await host.Services.GetRequiredService<AccessReviews>()
                .ComputeAsync(Actor.System, parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(department), ct);
            if (report.Failure is { } failure)
            {
                await parsed.Error().WriteLineAsync($"--{failure.Field}: {failure.Detail} ({failure.Code})");
                return CliOutput.Usage;
            }

            if (parsed.GetValue(format) == "csv")
            {
                await AccessReviewWriter.WriteCsvAsync(report.Value!, parsed.Out());
            }
            else
            {
                await AccessReviewWriter.WriteTextAsync(report.Value!, parsed.Out());
            }

            return CliOutput.Ok;
        });

        var access = new Command("access", "Access-log review (safe management measures)");
        access.Subcommands.Add(review);
        return access;
    }
}
