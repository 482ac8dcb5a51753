using Custodian.Common;
using Custodian.Policy;
using Custodian.Retention;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Retention;

/// <summary>/api/v1/retention: the schedule with what falls due, the disposal records, and a disposal run.</summary>
internal static class RetentionEndpoints
{
    public const int MaxRecords = 500;

    public static WebApplication MapRetention(this WebApplication app)
    {
        var retention = app.MapGroup("/api/v1/retention").WithTags("Retention");
        retention.MapGet("/schedule", ScheduleAsync).RequirePermission(Permissions.RetentionRead)
            .WithSummary("The retention rules in force, each with its basis, what has expired and what falls due within `days` (default 30)");
        retention.MapGet("/disposals", DisposalsAsync).RequirePermission(Permissions.RetentionRead)
            .WithSummary("Past disposal records, newest first: rule, count, cut-off, method, by whom");
        retention.MapPost("/runs", RunAsync).RequirePermission(Permissions.RetentionManage)
            .WithSummary("Dispose of what has expired now (`dryRun: true` counts and changes nothing)");
        return app;
    }

    private static async Task<IResult> ScheduleAsync(int? days, DisposalRun run, CancellationToken ct)
    {
        if (days is < 1 or > 366)
        {
            return Failure.Invalid("days", "retention.days", "Look 1 to 366 days ahead.").ToProblem();
        }

        var due = await run.DueAsync(days ?? 30, ct);
        return Results.Ok(due.Select(d => new ScheduleLine(
            d.Rule.KindId, d.Rule.PolicyId, d.Rule.PolicyVersion, d.Rule.Rule.Keep.ToString(), RecordKinds.After(d.Rule.Kind),
            d.Rule.Rule.Basis.ToString().ToLowerInvariant(), d.Rule.Rule.Reference, d.Rule.Rule.Quote, d.Rule.Rule.QuoteSection, d.Rule.InstallationWide,
            d.DueNow, d.DueWithin)));
    }

    private static async Task<IResult> DisposalsAsync(DisposalRun run, CancellationToken ct) =>
        Results.Ok(await run.RecordsAsync(MaxRecords, ct));

    private static async Task<IResult> RunAsync(RunRequest? body, HttpContext http, DisposalRun run, CancellationToken ct)
    {
        var report = await run.RunAsync(http.User.ToActor(), body?.DryRun ?? false, cancellationToken: ct);
        return Results.Ok(new RunReport(report.RunId, report.At, report.DryRun, report.Total,
            report.Lines.Select(l => new RunLine(l.Rule.KindId, l.Rule.PolicyId, l.Rule.Rule.Keep.ToString(), l.Before, l.Count, l.Method)).ToList()));
    }
}

internal sealed record RunRequest(bool? DryRun);

internal sealed record ScheduleLine(
    string Kind, string PolicyId, string PolicyVersion, string Keep, string After, string Basis, string? Reference, string? Quote, string? QuoteSection,
    bool InstallationWide, int DueNow, int DueWithin);

internal sealed record RunLine(string Kind, string PolicyId, string Keep, DateTime Before, int Count, string Method);

internal sealed record RunReport(Guid RunId, DateTime At, bool DryRun, int Total, IReadOnlyList<RunLine> Lines);
