using System.Data.Common;
using System.Text;
using Custodian.Audit;
using Custodian.Common;

namespace Custodian.Vault;

/// <summary>
/// Erasure is a barrier: once a person's erasure has committed, no allowed use of them is chained after it. The gate
/// checks the person before the audit commit, and an erasure can commit in between; so the chain's writer asks again,
/// under its write lock (SQLite's, or PostgreSQL's advisory lock: also against another process erasing), which persons
/// named by allowed uses still hold a data key. A use of one who does not is chained refused, and its caller, told so,
/// decrypts nothing. Erasure deletes the key under the same lock, so the two are ordered by the chain itself.
/// </summary>
internal static class ErasureBarrier
{
    public static readonly Failure Erased = Failure.Gone("person.erased", "This person's data has been erased.");

    // One statement per group, each person looked up by the key table's primary key.
    public const string SqliteSql =
        """SELECT value FROM json_each(@persons) WHERE NOT EXISTS (SELECT 1 FROM vault_person_keys WHERE "PersonId" = value)""";

    public const string PostgresSql =
        """SELECT id FROM unnest(@persons) AS id WHERE NOT EXISTS (SELECT 1 FROM vault_person_keys WHERE "PersonId" = id)""";

    /// <summary>An allowed use of one person's data: what the barrier holds back once that person is erased.</summary>
    public static bool IsUse(AuditEntry entry) => entry is
    {
        Outcome: AuditOutcome.Allowed,
        PersonId: not null,
        Type: AuditEventType.PersonRead or AuditEventType.PersonProvided or AuditEventType.PersonReleased
            or AuditEventType.PersonDisclosed or AuditEventType.PersonExported,
    };

    /// <summary>The persons the group's uses name, once each; empty when there is nothing to look up.</summary>
    public static Guid[] Persons(IReadOnlyList<AuditEntry> entries)
    {
        HashSet<Guid>? persons = null;
        foreach (var entry in entries)
        {
            if (IsUse(entry))
            {
                (persons ??= []).Add(entry.PersonId!.Value);
            }
        }

        return persons is null ? [] : [.. persons];
    }

    /// <summary>SQLite takes the persons as one JSON array of ids, written as EF stores them (upper-case text).</summary>
    public static string SqliteParameter(Guid[] persons)
    {
        var json = new StringBuilder(2 + (persons.Length * 39));
        json.Append('[');
        foreach (var person in persons)
        {
            json.Append(json.Length > 1 ? ",\"" : "\"").Append(person.ToString().ToUpperInvariant()).Append('"');
        }

        return json.Append(']').ToString();
    }

    /// <summary>Reads the erased persons the barrier statement returned (a text id on SQLite, a uuid on PostgreSQL).</summary>
    public static async Task<IReadOnlySet<Guid>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        HashSet<Guid>? erased = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            (erased ??= []).Add(reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0)));
        }

        return erased ?? None;
    }

    public static readonly IReadOnlySet<Guid> None = new HashSet<Guid>();

    /// <summary>Whether <paramref name="entry"/> was chained refused because its person had been erased.</summary>
    public static bool Barred(AuditEntry entry, IReadOnlySet<Guid> erased) => erased.Count > 0 && IsUse(entry) && erased.Contains(entry.PersonId!.Value);

    /// <summary>The entries as they are chained: a use of an erased person becomes a refusal naming the reason.</summary>
    public static IReadOnlyList<AuditEntry> Apply(IReadOnlyList<AuditEntry> entries, IReadOnlySet<Guid> erased) =>
        erased.Count == 0 ? entries : entries.Select(e => Barred(e, erased) ? e with { Outcome = AuditOutcome.Refused, Items = null, Reason = Erased.Code } : e).ToList();
}
