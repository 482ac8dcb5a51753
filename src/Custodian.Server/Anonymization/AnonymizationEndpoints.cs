using Custodian.Staff;
using Custodian.Server.Staff;
using Custodian.Anonymization;
using Custodian.Server.Host;
using Custodian.Server.Incidents;

namespace Custodian.Server.Anonymization;

/// <summary>/api/v1/anonymization/releases and /api/v1/statistics.</summary>
internal static class AnonymizationEndpoints
{
    /// <summary>Who may read a release's processing method: it is what could undo the processing, so it is kept from everyone else.</summary>
    public static IServiceCollection AddAnonymization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAnonymizationServices(configuration);
        return services;
    }

    public static WebApplication MapAnonymization(this WebApplication app)
    {
        var releases = app.MapGroup("/api/v1/anonymization/releases").WithTags("Anonymization");
        releases.MapPost("/", CreateAsync).RequirePermission(Permissions.AnonymizationManage)
            .WithSummary("Create a release of anonymized processed information from the vault, through the gate; a catch-all purpose needs a reason")
            .WithRequestExample("""{ "policyId": "leverages-career-mexico", "k": 5, "suppression": 0.05, "reason": "Quarterly labour-market report for the board" }""");
        releases.MapGet("/", ListAsync).RequirePermission(Permissions.AnonymizationManage).WithSummary("List releases, newest first");
        releases.MapGet("/{id:guid}", ReportAsync).RequirePermission(Permissions.AnonymizationManage).WithSummary("The release report: the five processing standards as applied");
        releases.MapGet("/{id:guid}/method", MethodAsync).RequirePermission(Permissions.AnonymizationMethodRead)
            .WithSummary("The processing method, kept from everyone without anonymization.method.read");
        releases.MapGet("/{id:guid}/data.csv", CsvAsync).RequirePermission(Permissions.AnonymizationManage).WithSummary("Download the released rows");
        releases.MapPost("/{id:guid}/provisions", ProvideAsync).RequirePermission(Permissions.AnonymizationManage).WithSummary("Provide the release to a recipient named in the policy");
        releases.MapGet("/{id:guid}/provisions", ProvisionsAsync).RequirePermission(Permissions.AnonymizationManage).WithSummary("Provisions of the release");
        app.MapGet("/api/v1/statistics", StatisticsAsync).WithTags("Anonymization").RequirePermission(Permissions.StatisticsRead)
            .WithSummary("Counts across the vault in unidentifiable form, small cells suppressed");
        app.MapPost("/api/v1/statistics", StatisticsForReasonAsync).WithTags("Anonymization").RequirePermission(Permissions.StatisticsRead)
            .WithSummary("The same counts, saying why: a catch-all purpose needs the reason, recorded sealed with each use")
            .WithRequestExample("""{ "by": "age-band", "policy": "leverages-career-mexico", "reason": "Quarterly labour-market report for the board" }""");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateReleaseRequest? body, HttpContext http, AnonymizedReleases releases, CancellationToken ct)
    {
        var result = await releases.CreateAsync(http.User.ToActor(), new ReleaseRequest(body?.PolicyId, body?.K, body?.Suppression, body?.Reason), ct);
        return result.ToResult(report => Results.Created($"/api/v1/anonymization/releases/{report.ReleaseId}", report));
    }

    private static async Task<IResult> ListAsync(AnonymizedReleases releases, CancellationToken ct) =>
        Results.Ok((await releases.ListAsync(ct)).Select(r => new
        {
            id = r.Id, createdAt = r.CreatedAt, policyId = r.PolicyId, policyVersion = r.PolicyVersion, items = r.Items.Split(','),
            k = r.K, suppression = r.SuppressionLimit, personsIncluded = r.PersonsIncluded, personsRefused = r.PersonsRefused,
        }));

    private static async Task<IResult> ReportAsync(Guid id, AnonymizedReleases releases, CancellationToken ct) =>
        (await releases.ReportAsync(id, ct)).ToResult(report => Results.Ok(report));

    private static async Task<IResult> MethodAsync(Guid id, HttpContext http, AnonymizedReleases releases, CancellationToken ct) =>
        (await releases.MethodAsync(http.User.ToActor(), id, ct)).ToResult(method => Results.Ok(method));

    private static async Task<IResult> CsvAsync(Guid id, HttpContext http, AnonymizedReleases releases, CancellationToken ct) =>
        (await releases.CsvAsync(http.User.ToActor(), id, ct))
            .ToResult(csv => Results.Text(csv, "text/csv; charset=utf-8"));

    private static async Task<IResult> ProvideAsync(Guid id, ProvideReleaseRequest body, HttpContext http, ReleaseProvisions provisions, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Recipient)) return Problems.Required("recipient").ToProblem();
        if (string.IsNullOrWhiteSpace(body.Method)) return Problems.Required("method").ToProblem();
        var result = await provisions.ProvideAsync(http.User.ToActor(), id, body.Recipient, body.Method, ct);
        return result.ToResult(p => Results.Created($"/api/v1/anonymization/releases/{id}/provisions", p));
    }

    private static async Task<IResult> ProvisionsAsync(Guid id, ReleaseProvisions provisions, CancellationToken ct) =>
        Results.Ok(await provisions.ProvisionsAsync(id, ct));

    private static async Task<IResult> StatisticsAsync(string? by, string? policy, HttpContext http, VaultStatistics statistics, CancellationToken ct) =>
        (await statistics.CountAsync(http.User.ToActor(), by, policy, cancellationToken: ct)).ToResult(table => Results.Ok(table));

    // The reason travels in the body, as a person's read does: it may name people, so it stays out of the URL.
    private static async Task<IResult> StatisticsForReasonAsync(StatisticsRequest? body, HttpContext http, VaultStatistics statistics, CancellationToken ct) =>
        (await statistics.CountAsync(http.User.ToActor(), body?.By, body?.Policy, body?.Reason, ct)).ToResult(table => Results.Ok(table));
}

internal sealed record CreateReleaseRequest(string? PolicyId, int? K, double? Suppression, string? Reason);

internal sealed record StatisticsRequest(string? By, string? Policy, string? Reason);

internal sealed record ProvideReleaseRequest(string? Recipient, string? Method);
