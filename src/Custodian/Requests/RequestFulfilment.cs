using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Provision;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Requests;

/// <summary>One line of the diff staff approve before a correction, addition or deletion changes the vault.</summary>
public sealed record ProposedChange(string Item, string? Current, string? Proposed);

/// <summary>
/// Fulfilment that acts: correction, addition and deletion change the vault; suspension of use, erasure and
/// discontinuation of provision change the person's state, which the gate reads on every use.
/// </summary>
internal sealed class RequestFulfilment(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, AuditLog audit,
    PersonVault vault, VaultCrypto vaultCrypto, DisclosureGatherer gatherer, RequestWorkflow workflow,
    IRequestNotices notices, ProvisionStops stops, UseSuspensions suspensions)
{
    /// <summary>What the request would change, item by item, with the values held now (read through the gate).</summary>
    public async Task<Result<IReadOnlyList<ProposedChange>>> DiffAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (request.Type is not ("correction" or "addition" or "deletion") || request.PersonId is not { } personId)
        {
            return Failure.Conflict("request.no-diff", "Only a correction, addition or deletion of contents concerning a known person has a diff.");
        }

        var changes = crypto.OpenForm(request)?.Changes ?? new Dictionary<string, string>();
        var held = await gatherer.ItemsAsync(actor, personId, cancellationToken);
        if (held.Failure is { } failure)
        {
            return failure;
        }

        return changes.Select(c => new ProposedChange(c.Key, held.Value!.GetValueOrDefault(c.Key), request.Type == "deletion" ? null : c.Value)).ToList();
    }

    /// <summary>Carries the request out and moves it to fulfilled, or to partly refused when grounds are given.</summary>
    public async Task<Result<RequestState>> FulfilAsync(Actor actor, Guid requestId, IReadOnlyList<string>? grounds, string? explanation, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        var partly = grounds is { Count: > 0 };
        var to = partly ? RequestState.PartlyRefused : RequestState.Fulfilled;
        if (RequestRecords.CheckTransition(request.State, to) is { } outOfOrder)
        {
            return outOfOrder;
        }

        var personId = request.PersonId ?? throw new InvalidOperationException("A verified request without a person.");
        var entries = new List<AuditEntry>();
        // Grounds and explanation are checked before anything acts, so a bad refusal changes nothing.
        var moved = partly ? workflow.Refuse(actor, request, to, grounds!, explanation, entries) : records.Transition(request, to, actor).Map(entries, request);
        if (moved.Failure is { } refused)
        {
            return refused;
        }

        var person = await db.Set<Person>().FirstAsync(p => p.Id == personId, cancellationToken);
        var acted = request.Type switch
        {
            "correction" or "addition" => await ChangeItemsAsync(actor, request, personId, cancellationToken),
            "deletion" => await DeleteItemsAsync(db, request, person, cancellationToken),
            "suspension-of-use" => Suspend(actor, request, person, entries),
            "discontinuation-of-third-party-provision" => await StopProvisionAsync(db, actor, request, person, entries, cancellationToken),
            "erasure" => await EraseAsync(actor, personId, cancellationToken),
            _ => (Result<string>)"answered",
        };
        if (acted.Failure is { } failure)
        {
            return failure;
        }

        entries.Add(RequestRecords.Entry(AuditEventType.RequestFulfilled, actor, request, acted.Value));
        request.RespondedAt = records.Now;
        notices.Answered(db, request);
        await audit.CommitAsync(db, entries, cancellationToken);
        return request.State;
    }

    // The purposes the person named on the form, or every purpose when they named none.
    private Result<string> Suspend(Actor actor, DataRequest request, Person person, List<AuditEntry> entries)
    {
        var suspended = suspensions.Suspend(actor, person, crypto.OpenForm(request)?.Purposes, request.Id.ToString());
        if (suspended.Failure is { } failure)
        {
            return failure;
        }

        entries.Add(suspended.Value!);
        return "use-suspended:" + suspended.Value!.Items;
    }

    // Exactly what POST /api/v1/provision/stops does, in this transaction; a stop already in force answers the request.
    private async Task<Result<string>> StopProvisionAsync(
        CustodianDb db, Actor actor, DataRequest request, Person person, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var stopped = await stops.StageAsync(db, actor, person, request.Id.ToString(), cancellationToken);
        if (stopped.Failure is { Code: "person.provision-stopped" })
        {
            return "provision-already-stopped";
        }

        if (stopped.Failure is { } failure)
        {
            return failure;
        }

        entries.AddRange(stopped.Value!.Audited);
        return $"provision-stopped:entries-withdrawn:{stopped.Value.Withdrawn}";
    }

    private async Task<Result<string>> ChangeItemsAsync(Actor actor, DataRequest request, Guid personId, CancellationToken cancellationToken)
    {
        var changes = crypto.OpenForm(request)?.Changes ?? throw new InvalidOperationException("A correction without changes.");
        var changed = await vault.UpdateItemsAsync(actor, personId, changes.ToDictionary(c => c.Key, c => (string?)c.Value), cancellationToken);
        return changed.Failure is { } failure ? failure : "items-changed:" + string.Join('+', changed.Value!);
    }

    private async Task<Result<string>> EraseAsync(Actor actor, Guid personId, CancellationToken cancellationToken)
    {
        var erased = await vault.EraseAsync(actor, personId, cancellationToken);
        return erased.Failure is { } failure ? failure : "erased";
    }

    // Deletion of contents: the person's items are re-sealed without the deleted ones, in the request's transaction.
    private async Task<Result<string>> DeleteItemsAsync(CustodianDb db, DataRequest request, Person person, CancellationToken cancellationToken)
    {
        if (person.State == PersonState.Erased || person.Sealed is null)
        {
            return Failure.Gone("person.erased", "This person's data has been erased.");
        }

        var deleted = crypto.OpenForm(request)?.Changes?.Keys.ToList() ?? [];
        var key = await db.Set<PersonKey>().FirstAsync(k => k.PersonId == person.Id, cancellationToken);
        var dataKey = vaultCrypto.OpenKey(key) ?? throw new InvalidOperationException("The person's data key does not open.");
        var items = VaultCrypto.Open(person.Id, dataKey, person.Sealed) ?? throw new InvalidOperationException("The person's items do not open.");
        deleted.ForEach(id => items.Remove(id));
        person.Sealed = VaultCrypto.Seal(person.Id, dataKey, items);
        person.ItemIds = string.Join(',', items.Keys.Order(StringComparer.Ordinal));
        var policy = records.PolicyOf(request);
        var kinds = deleted.Select(id => policy.FindItem(id)?.Type switch { ItemType.Email => "email", ItemType.Telephone => "telephone", _ => null })
            .OfType<string>().ToList();
        db.RemoveRange(await db.Set<BlindIndex>().Where(b => b.PersonId == person.Id && kinds.Contains(b.Kind)).ToListAsync(cancellationToken));
        person.UpdatedAt = records.Now;
        person.Version++;
        return "items-deleted:" + string.Join('+', deleted);
    }
}

internal static class TransitionResults
{
    /// <summary>Adds a successful transition's audit entry to the list and yields the new state.</summary>
    public static Result<RequestState> Map(this Result<AuditEntry> transition, List<AuditEntry> entries, DataRequest request)
    {
        if (transition.Failure is { } failure)
        {
            return failure;
        }

        entries.Add(transition.Value!);
        return request.State;
    }
}
