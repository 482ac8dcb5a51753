using Custodian.Server.Staff;
using Custodian.Staff;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Provision;
using Custodian.Server.Consent;
using Custodian.Server.Host;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Provision;

/// <summary>/api/v1/provision: entries, withdrawals, stop requests, provision without consent and the provision records.</summary>
internal static class ProvisionEndpoints
{
    public static WebApplication MapProvision(this WebApplication app)
    {
        var provision = app.MapGroup("/api/v1/provision").WithTags("Provision");
        provision.MapPost("/entries", EnterAsync).RequirePermission(Permissions.ProvisionEntries).WithSummary("A candidate's entry for a client company: consent, provision record and audit, together");
        provision.MapPost("/entries/bulk", EnterManyAsync).RequirePermission(Permissions.ProvisionEntries).WithSummary("Entries for continuous provision to one company; records share a batch id");
        provision.MapPost("/entries/{id:guid}/withdraw", WithdrawAsync).RequirePermission(Permissions.ProvisionEntries).WithSummary("Withdraw an entry: later provision to that company stops and it is told");
        provision.MapGet("/records", RecordsAsync).RequirePermission(Permissions.ProvisionManage).WithSummary("Provision records by person or company and period (JSON, or CSV with Accept: text/csv or format=csv)");
        provision.MapStopsAndWithoutConsent();
        app.MapClientCompanies();
        app.MapOutsourcing();
        app.MapConsent();
        return app;
    }

    private static async Task<IResult> EnterAsync(EntryBody body, HttpContext http, Entries entries, CancellationToken ct)
    {
        var request = body.ToRequest(http);
        if (!request.Succeeded)
        {
            return request.Failure!.ToProblem();
        }

        var result = await entries.EnterAsync(http.User.ToActor(), request.Value!, ct);
        return result.ToResult(r => Results.Created($"/api/v1/provision/records?personId={body.PersonId}", r));
    }

    private static async Task<IResult> EnterManyAsync(BulkEntryBody body, HttpContext http, Entries entries, CancellationToken ct)
    {
        if (body.Entries is not { Count: > 0 and <= 1000 } list)
        {
            return Failure.Invalid("entries", "bulk.size", "entries holds 1 to 1000 entries.").ToProblem();
        }

        var requests = new List<EntryRequest>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var one = (list[i] with { CompanyId = body.CompanyId, Method = body.Method }).ToRequest(http);
            if (!one.Succeeded)
            {
                return (one.Failure! with { Field = $"entries[{i}].{one.Failure!.Field}" }).ToProblem();
            }

            requests.Add(one.Value!);
        }

        var results = await entries.EnterManyAsync(http.User.ToActor(), requests, ct);
        return Results.Ok(new
        {
            results = results.Select(r => r.Succeeded
                ? (object)new { r.Value!.EntryId, r.Value.ProvisionRecordId, r.Value.ConsentRecordId }
                : new { refused = r.Failure!.Code, detail = r.Failure.Detail }),
        });
    }

    private static async Task<IResult> WithdrawAsync(Guid id, HttpContext http, Entries entries, CancellationToken ct) =>
        (await entries.WithdrawAsync(http.User.ToActor(), id, ct)).ToResult(entryId => Results.Ok(new { entryId, state = "withdrawn" }));

    private static async Task<IResult> RecordsAsync(
        Guid? personId, Guid? companyId, DateOnly? from, DateOnly? to, string? format, HttpContext http, IDbContextFactory<CustodianDb> factory, AuditLog audit, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var records = await ProvisionRecords.SearchAsync(db, audit, http.User.ToActor(), personId, companyId, from, to, ct);
        if (!records.Succeeded)
        {
            return records.Failure!.ToProblem();
        }

        if (format == "csv" || http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            await ProvisionRecords.WriteCsvAsync(records.Value!, writer, ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", "provision-records.csv");
        }

        return Results.Ok(new { records = records.Value });
    }
}

internal sealed record EvidenceBody(string? Channel, string? Ip, string? UserAgent, string? TextHash, string? Reference = null);

internal sealed record EntryBody(Guid? PersonId, Guid? CompanyId, string? Method, List<string>? Items, string? PolicyVersion, EvidenceBody? Evidence)
{
    /// <summary>The candidate's evidence as relayed by the site they entered on; without it, the request's own.</summary>
    public Result<EntryRequest> ToRequest(HttpContext http)
    {
        if (PersonId is not { } personId)
        {
            return Problems.Required("personId");
        }

        if (CompanyId is not { } companyId)
        {
            return Problems.Required("companyId");
        }

        var evidence = ConsentEvidenceFrom.Body(Evidence, http, "entry");
        return evidence.Succeeded ? new EntryRequest(personId, companyId, Method, Items, PolicyVersion, evidence.Value!) : evidence.Failure!;
    }
}

internal sealed record BulkEntryBody(Guid? CompanyId, string? Method, List<EntryBody>? Entries);

