using System.Globalization;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>What selecting a consignee takes: the purposes and items entrusted, and the checklist criteria it met.</summary>
internal sealed record ConsigneeSelection(string? Name, IReadOnlyList<string>? Purposes, IReadOnlyList<string>? Items, IReadOnlyList<string>? Checklist);

internal sealed record SupervisedConsignee(Consignee Consignee, IReadOnlyList<ConsigneeSupervision> Supervisions);

/// <summary>Outsourcing: consignees selected against the checklist, supervised, and given credentials limited to what was entrusted.</summary>
internal sealed class Consignees(IDbContextFactory<CustodianDb> factory, PolicyStore policies, AuditLog audit, ApiTokens tokens, ConsigneeScopes scopes, TimeProvider time)
{
    // A consignee uses the data it was entrusted with (the gate limits purposes and items); it registers, corrects and erases nothing.
    private static readonly string[] EntrustedPermissions = [Permissions.PersonsSearch, Permissions.PersonsRead];

    public async Task<Result<Consignee>> SelectAsync(Actor actor, ConsigneeSelection selection, CancellationToken cancellationToken = default)
    {
        var policy = policies.Default;
        var entrustable = policy.Recipients.Outsourcing?.Purposes ?? [];
        if (string.IsNullOrWhiteSpace(selection.Name) || selection.Name.Length > 200)
        {
            return Failure.Invalid("name", "text.length", "name needs 1 to 200 characters.");
        }

        if (selection.Purposes is not { Count: > 0 } purposes || purposes.Any(p => !entrustable.Contains(p)))
        {
            return Failure.Invalid("purposes", "consignee.purposes", $"purposes are one or more of those the policy allows to entrust: {string.Join(", ", entrustable)}.");
        }

        var allowedItems = purposes.SelectMany(p => policy.FindPurpose(p)!.Items).ToHashSet();
        if (selection.Items is not { Count: > 0 } items || items.Any(i => !allowedItems.Contains(i)))
        {
            return Failure.Invalid("items", "consignee.items", "items are one or more of the items the entrusted purposes use.");
        }

        var missing = SelectionChecklist.Criteria.Except(selection.Checklist ?? []).ToList();
        if (missing.Count > 0)
        {
            return ProvisionRules.Refused("checklist", "consignee.checklist-incomplete", $"The consignee does not meet: {string.Join(", ", missing)}.");
        }

        var now = time.GetUtcNow();
        var consignee = new Consignee
        {
            Id = Guid.CreateVersion7(now),
            Name = selection.Name.Trim(),
            Purposes = string.Join(',', purposes.Distinct()),
            Items = string.Join(',', items.Distinct()),
            Checklist = string.Join(',', SelectionChecklist.Criteria),
            SelectedBy = actor.AuditName,
            SelectedAt = now.UtcDateTime,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(consignee);
        await audit.CommitAsync(db, [new(AuditEventType.ConsigneeSelected, actor.AuditName, Items: consignee.Items, Subject: consignee.Id.ToString())], cancellationToken);
        return consignee;
    }

    public async Task<Result<ConsigneeSupervision>> SuperviseAsync(Actor actor, Guid consigneeId, bool satisfactory, string? findings, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(findings) || findings.Length > 2000)
        {
            return Failure.Invalid("findings", "text.length", "findings need 1 to 2000 characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<Consignee>().AnyAsync(c => c.Id == consigneeId, cancellationToken))
        {
            return Unknown;
        }

        var record = new ConsigneeSupervision
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ConsigneeId = consigneeId,
            Satisfactory = satisfactory,
            Findings = findings.Trim(),
            RecordedBy = actor.AuditName,
            At = time.GetUtcNow().UtcDateTime,
        };
        db.Add(record);
        await audit.CommitAsync(db, [new(AuditEventType.ConsigneeSupervised, actor.AuditName, Reason: satisfactory ? "satisfactory" : "unsatisfactory", Subject: consigneeId.ToString())], cancellationToken);
        return record;
    }

    /// <summary>An API credential entrusted with the consignee's purposes; the gate limits its items. The secret is shown once.</summary>
    public async Task<Result<string>> IssueCredentialAsync(Actor actor, Guid consigneeId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var consignee = await db.Set<Consignee>().FirstOrDefaultAsync(c => c.Id == consigneeId, cancellationToken);
        if (consignee is null)
        {
            return Unknown;
        }

        if (consignee.TokenId is not null)
        {
            return Failure.Conflict("consignee.credential-issued", "This consignee already has a credential.");
        }

        var created = await tokens.CreateAsync(actor, "consignee " + consignee.Id, EntrustedPermissions, consignee.Purposes.Split(','), cancellationToken);
        if (!created.Succeeded)
        {
            return created.Failure!;
        }

        consignee.TokenId = created.Value.Token.Id;
        await audit.CommitAsync(db, [new(AuditEventType.ConsigneeCredentialIssued, actor.AuditName, Items: consignee.Items, Subject: $"{consignee.Id}:{consignee.TokenId}")], cancellationToken);
        scopes.Forget(consignee.TokenId.Value);
        return created.Value.Secret;
    }

    /// <summary>The consignees with their supervision records, newest supervision first.</summary>
    public async Task<List<SupervisedConsignee>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var consignees = await db.Set<Consignee>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var supervisions = await db.Set<ConsigneeSupervision>().AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        return consignees.Select(c => new SupervisedConsignee(c, supervisions.Where(s => s.ConsigneeId == c.Id).ToList())).ToList();
    }

    /// <summary>The consignee list for supervision, as CSV: what each is entrusted with and its last supervision.</summary>
    public async Task ExportCsvAsync(Actor actor, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var consignees = await db.Set<Consignee>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var supervisions = await db.Set<ConsigneeSupervision>().AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        await using (var csv = Common.CsvExport.Open(output))
        {
            foreach (var field in new[] { "id", "name", "purposes", "items", "checklist", "selected_at", "credential", "last_supervised_at", "last_satisfactory" })
            {
                csv.WriteField(field);
            }

            await csv.NextRecordAsync();
            foreach (var c in consignees)
            {
                var last = supervisions.LastOrDefault(s => s.ConsigneeId == c.Id);
                foreach (var field in new[]
                {
                    c.Id.ToString(), c.Name, c.Purposes, c.Items, c.Checklist, Iso(c.SelectedAt), c.TokenId is null ? "" : "issued",
                    last is null ? "" : Iso(last.At), last is null ? "" : last.Satisfactory ? "yes" : "no",
                })
                {
                    csv.WriteField(field);
                }

                await csv.NextRecordAsync();
            }
        }

        await audit.RecordAsync(new(AuditEventType.ConsigneesExported, actor.AuditName, Subject: consignees.Count.ToString(CultureInfo.InvariantCulture)), cancellationToken);
    }

    private static readonly Failure Unknown = Failure.NotFound("consignee.unknown", "No consignee has this id.");

    private static string Iso(DateTime instant) => instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
