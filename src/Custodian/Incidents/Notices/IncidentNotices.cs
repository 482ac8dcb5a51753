using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Mail;
using Custodian.Policy;
using Custodian.Requests;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents.Notices;

/// <summary>What one notify did: who was told by which channel now, who had been told already, and who could not be reached and why.</summary>
public sealed record NoticeRun(int Emailed, int Lettered, int Public, int AlreadyNotified, IReadOnlyDictionary<string, int> Unreachable);

/// <summary>
/// Notices to an incident's listed persons (APPI Art. 26(2); Mexico's duty to tell people of a breach that significantly
/// affects their rights): each person's name and addresses are read through the gate under the notice purpose of their
/// policy; an e-mail is staged in the outbox where an address is held, otherwise a letter is recorded for printing, and a
/// person with neither is covered by the public notice when one is in force. Each person is recorded once, in the same
/// transaction as their message, so notifying again tells only those not told yet.
/// </summary>
internal sealed class IncidentNotices(
    IDbContextFactory<CustodianDb> factory, PersonGate gate, IMailOutbox outbox, NoticeTexts texts, IncidentRegister register, AuditLog audit,
    IOptions<IncidentsOptions> options, TimeProvider time)
{
    public const string Template = "incident-notice";

    /// <summary>The reason recorded when a notice purpose is a catch-all (gate: <see cref="UseReasons"/>).</summary>
    public const string NoticeReason = "Incident notice";

    public static readonly Failure NoPersons = Failure.Invalid("personIds", "incident.no-persons",
        "The incident lists no affected persons; set them (PUT /api/v1/incidents/{id}/persons) before notifying.");

    public async Task<Result<NoticeRun>> NotifyAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return IncidentRegister.Unknown;
        }

        var listed = await db.Set<IncidentPerson>().Where(p => p.IncidentId == incidentId).Select(p => p.PersonId).ToListAsync(cancellationToken);
        if (listed.Count == 0)
        {
            return NoPersons;
        }

        var told = (await db.Set<IncidentNotice>().Where(n => n.IncidentId == incidentId).Select(n => n.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var pending = listed.Where(p => !told.Contains(p)).ToList();
        var unreachable = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new Dictionary<NoticeChannel, int>();
        if (pending.Count > 0)
        {
            var publicNotice = await db.Set<PublicNotice>().AsNoTracking().AnyAsync(p => p.IncidentId == incidentId && p.WithdrawnAt == null, cancellationToken);
            var persons = await PersonsAsync(db, pending, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var personId in pending)
            {
                var (channel, outboxId, language, refusal) = await TellAsync(db, actor, incident, persons[personId], publicNotice, cancellationToken);
                if (refusal is not null)
                {
                    unreachable[refusal] = unreachable.GetValueOrDefault(refusal) + 1;
                    continue;
                }

                counts[channel] = counts.GetValueOrDefault(channel) + 1;
                db.Add(new IncidentNotice
                {
                    Id = Guid.CreateVersion7(now), IncidentId = incidentId, PersonId = personId, Channel = channel, Language = language, At = now,
                    OutboxId = outboxId, Actor = actor.AuditName,
                });
            }
        }

        var run = new NoticeRun(counts.GetValueOrDefault(NoticeChannel.Email), counts.GetValueOrDefault(NoticeChannel.Letter),
            counts.GetValueOrDefault(NoticeChannel.Public), told.Count, unreachable);
        if (counts.Count == 0)
        {
            return run;
        }

        var summary = string.Join(',', Enum.GetValues<NoticeChannel>().Select(c => $"{c.Name()}:{counts.GetValueOrDefault(c)}"));
        var entry = register.Record(db, incident, actor, "notified", summary, AuditEventType.IncidentPersonsNotified, summary);
        try
        {
            await audit.CommitAsync(db, [entry], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two notifies of one incident at once: the unique key lets one commit; the other tells nobody.
            return Failure.Conflict("incident.notify-busy", "The incident's persons are being notified by someone else; look at the record and notify again if needed.");
        }

        return run;
    }

    public async Task<Result<IReadOnlyList<IncidentNotice>>> ListAsync(Guid incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Incident>().AnyAsync(i => i.Id == incidentId, cancellationToken)
            ? await NoticeRecord.ListAsync(db, incidentId, cancellationToken)
            : IncidentRegister.Unknown;
    }

    /// <summary>
    /// The names of <paramref name="personIds"/> for a page that lists them, each read through the gate under the notice
    /// purpose (and so audited); a person the gate refuses is left out and the page says so.
    /// </summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(Actor actor, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var policyOf = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PolicyId, cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var (id, policyId) in policyOf)
        {
            if (options.Value.Notices.Purposes.GetValueOrDefault(policyId) is { } purpose
                && (await gate.UseAsync(actor, id, purpose, GateUse.Read, NoticeReason, cancellationToken)).Value?.Items.GetValueOrDefault("name") is { Length: > 0 } name)
            {
                names[id] = name;
            }
        }

        return names;
    }

    /// <summary>Whether each e-mail notice left: the outbox row's state (sent, queued, dead), by outbox id.</summary>
    public async Task<Dictionary<Guid, MailState>> DeliveryAsync(IReadOnlyList<Guid> outboxIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<MailOutboxEntry>().AsNoTracking().Where(m => outboxIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.State, cancellationToken);
    }

    // One person: read through the gate, then e-mail, letter, public notice or nobody.
    private async Task<(NoticeChannel Channel, Guid? OutboxId, string Language, string? Refusal)> TellAsync(
        CustodianDb db, Actor actor, Incident incident, PersonFacts person, bool publicNotice, CancellationToken cancellationToken)
    {
        if (person.PolicyId.Length == 0)
        {
            return (default, null, "", ErasureBarrier.Erased.Code);
        }

        if (options.Value.Notices.Purposes.GetValueOrDefault(person.PolicyId) is not { } purpose)
        {
            return (default, null, "", "notice.no-purpose");
        }

        // The Mexico policy's notice purpose is its catch-all (1g): each read says why.
        var read = await gate.UseAsync(actor, person.Id, purpose, GateUse.Read, $"{NoticeReason} {incident.Number}", cancellationToken);
        if (read.Failure is { } refused)
        {
            return (default, null, "", refused.Code);
        }

        var items = read.Value!.Items;
        var language = person.Language;
        if (items.GetValueOrDefault("email")?.Trim() is { } email && MailAddresses.IsValid(email))
        {
            var values = texts.Values(incident, person.PolicyId, language, items.GetValueOrDefault("name"), publicNotice);
            var staged = outbox.Stage(db, new OutgoingMail(Template, language, email, RecipientKind.Person, values, PersonId: person.Id));
            // The template ships with the code: one it cannot render is a defect, not bad input.
            return staged.Failure is { } failure
                ? throw new InvalidOperationException($"The incident notice template failed: {failure.Code}.")
                : (NoticeChannel.Email, staged.Value, language, null);
        }

        if (!string.IsNullOrWhiteSpace(items.GetValueOrDefault("address")))
        {
            return (NoticeChannel.Letter, null, language, null);
        }

        return publicNotice ? (NoticeChannel.Public, null, language, null) : (default, null, language, "notice.no-address");
    }

    private sealed record PersonFacts(Guid Id, string PolicyId, string Language);

    // The policy of each person, and the language they last wrote to us in (a request's), else their policy's country's.
    private async Task<Dictionary<Guid, PersonFacts>> PersonsAsync(CustodianDb db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<Guid, PersonFacts>();
        foreach (var chunk in ids.Chunk(500))
        {
            var policiesOf = await db.Set<Person>().AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.PolicyId }).ToListAsync(cancellationToken);
            var spoken = (await db.Set<DataRequest>().AsNoTracking().Where(r => r.PersonId != null && chunk.Contains(r.PersonId.Value))
                    .Select(r => new { PersonId = r.PersonId!.Value, r.Language, r.ReceivedAt }).ToListAsync(cancellationToken))
                .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReceivedAt)!.Language);
            foreach (var p in policiesOf)
            {
                var language = spoken.GetValueOrDefault(p.Id) is { } l && texts.Speaks(l) ? l : texts.DefaultLanguage(p.PolicyId);
                facts[p.Id] = new PersonFacts(p.Id, p.PolicyId, language);
            }
        }

        // A listed person whose row is gone was erased: the gate says so for them.
        foreach (var id in ids.Where(id => !facts.ContainsKey(id)))
        {
            facts[id] = new PersonFacts(id, "", "en");
        }

        return facts;
    }
}
