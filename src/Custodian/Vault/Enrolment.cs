using Custodian.Common;
using Custodian.Consent;
using Custodian.Policy;
using Custodian.Storage;

namespace Custodian.Vault;

/// <summary>
/// Turns a registration into the rows that hold it: checks it against the policy (channel, required
/// items, item types, consents), then seals the items with a new data key. Touches no database, so a
/// batch can be prepared on every core before one transaction writes it.
/// </summary>
public sealed class Enrolment(PolicyStore policies, VaultCrypto crypto, ConsentLedger consents, TimeProvider time)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Channel, ChannelRules> RulesOfChannels = [];

    public Result<EnrolledPerson> Prepare(Registration registration)
    {
        var checkedRegistration = Check(registration);
        return checkedRegistration.Succeeded ? Enrol(checkedRegistration.Value!) : checkedRegistration.Failure!;
    }

    /// <summary>The policy's rules alone, so a whole file can be refused before any row is sealed.</summary>
    public Result<CheckedRegistration> Check(Registration registration)
    {
        var (policy, channel, failure) = Resolve(registration);
        if (failure is not null)
        {
            return failure;
        }

        var errors = CheckItems(policy!, channel!, registration);
        return errors.Count > 0 ? Failure.Validation(errors) : new CheckedRegistration(registration, policy!, channel!);
    }

    /// <summary>Seals a checked registration with a new data key.</summary>
    /// <param name="batch">Wrapped under the key last seen: the writer re-wraps before it commits (<see cref="VaultCrypto.RewrapStale"/>).</param>
    public EnrolledPerson Enrol(CheckedRegistration checkedRegistration, bool batch = false)
    {
        var (registration, policy, channel) = checkedRegistration;
        var now = time.GetUtcNow();
        var person = new Person
        {
            Id = Keys.RandomBytes.NewVersion7(now),
            PolicyId = policy.Id,
            PolicyVersion = policy.Version,
            Channel = channel.Id,
            State = PersonState.Active,
            RegisteredAt = now.UtcDateTime,
            UpdatedAt = now.UtcDateTime,
        };
        var (key, dataKey) = batch ? crypto.NewKeyForBatch(person.Id) : crypto.NewKey(person.Id);
        var items = new Dictionary<string, string>(registration.Items.Count);
        foreach (var (id, value) in registration.Items)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                items[id] = ItemRules.Normalize(policy.FindItem(id)!, value);
            }
        }

        var indexes = Seal(person, dataKey, items, policy);
        var given = (registration.Consents ?? [])
            .Select(purpose => consents.NewRecord(person.Id, purpose, given: true, policy.Id, policy.Version, new ConsentEvidence(channel.Id, null)))
            .ToList();
        return new EnrolledPerson(person, key, indexes, given);
    }

    /// <summary>Seals <paramref name="items"/> into the person and returns the blind indexes they need.</summary>
    public List<BlindIndex> Seal(Person person, byte[] dataKey, IReadOnlyDictionary<string, string> items, PrivacyPolicy policy)
    {
        person.Sealed = VaultCrypto.Seal(person.Id, dataKey, items);
        person.ItemIds = string.Join(',', items.Keys.Order(StringComparer.Ordinal));
        var indexes = new List<BlindIndex>(2);
        foreach (var (id, value) in items)
        {
            if (IndexKind(policy.FindItem(id)!.Type) is { } kind)
            {
                indexes.Add(new BlindIndex { Kind = kind, Digest = crypto.BlindIndex(kind, value), PersonId = person.Id });
            }
        }

        return indexes;
    }

    /// <summary>The blind index an item of this type is found by, if any.</summary>
    internal static string? IndexKind(ItemType type) => type switch { ItemType.Email => "email", ItemType.Telephone => "telephone", _ => null };

    /// <summary>Writes enrolled persons without change tracking, inside the caller's transaction.</summary>
    public static Task WriteAsync(CustodianDb db, IReadOnlyList<EnrolledPerson> enrolled, CancellationToken cancellationToken) =>
        WriteAsync(db, enrolled, IndexesInKeyOrder(enrolled), cancellationToken);

    /// <summary>As above, with the batch's blind indexes already in key order (<see cref="IndexesInKeyOrder"/>).</summary>
    public static async Task WriteAsync(CustodianDb db, IReadOnlyList<EnrolledPerson> enrolled, IReadOnlyList<BlindIndex> indexesInKeyOrder, CancellationToken cancellationToken)
    {
        await RowWriter.InsertAsync(db, enrolled.Select(e => e.Person).ToList(), cancellationToken);
        await RowWriter.InsertAsync(db, enrolled.Select(e => e.Key).ToList(), cancellationToken);
        await RowWriter.InsertAsync(db, indexesInKeyOrder, cancellationToken);
        await RowWriter.InsertAsync(db, enrolled.SelectMany(e => e.Consents).ToList(), cancellationToken);
    }

    /// <summary>
    /// The batch's blind indexes in key order: digests are random, and sorted inserts walk the index once instead of
    /// jumping across it per row. An import sorts on the cores that seal, so the writer does not.
    /// </summary>
    public static List<BlindIndex> IndexesInKeyOrder(IReadOnlyList<EnrolledPerson> enrolled)
    {
        var indexes = enrolled.SelectMany(e => e.Indexes).ToList();
        indexes.Sort(static (a, b) => string.CompareOrdinal(a.Kind, b.Kind) is var kind and not 0 ? kind : a.Digest.AsSpan().SequenceCompareTo(b.Digest));
        return indexes;
    }

    private (PrivacyPolicy? Policy, Channel? Channel, Failure? Failure) Resolve(Registration registration)
    {
        var policy = registration.PolicyId is null ? policies.Default : policies.Find(registration.PolicyId);
        if (policy is null)
        {
            return (null, null, Failure.Invalid("policyId", "policy.unknown", "No policy has this id."));
        }

        var channel = policy.FindChannel(registration.Channel);
        return channel is null
            ? (policy, null, Failure.Invalid("channel", "channel.unknown", $"Channels of policy {policy.Id}: {string.Join(", ", policy.Channels.Select(c => c.Id))}."))
            : (policy, channel, null);
    }

    // A channel's purposes and required items, worked out once per loaded policy instead of once per registration.
    private static ChannelRules Rules(PrivacyPolicy policy, Channel channel)
    {
        var purposes = channel.Purposes.Select(policy.FindPurpose).OfType<PurposeOfUse>().ToArray();
        return new ChannelRules(purposes, purposes.SelectMany(p => p.RequiredItems).Distinct().ToArray());
    }

    private sealed record ChannelRules(PurposeOfUse[] Purposes, string[] Required);

    private Dictionary<string, string[]> CheckItems(PrivacyPolicy policy, Channel channel, Registration registration)
    {
        if (!RulesOfChannels.TryGetValue(channel, out var rules))
        {
            rules = RulesOfChannels.GetValue(channel, c => Rules(policy, c));
        }

        var (purposes, required) = rules;
        var errors = ItemRules.Check(policy, registration.Items, required, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        foreach (var consent in registration.Consents ?? [])
        {
            if (!purposes.Any(p => p.Id == consent && p.RequiresConsent))
            {
                errors["consents"] = [$"consent.purpose: '{consent}' is not a purpose of this channel that asks for consent."];
            }
        }

        return errors;
    }
}

/// <summary>A registration that meets the policy, with the policy and channel it was checked against.</summary>
public sealed record CheckedRegistration(Registration Registration, PrivacyPolicy Policy, Channel Channel);

/// <summary>A registration made into rows: the person with their sealed items, their wrapped key, blind indexes and consents.</summary>
public sealed record EnrolledPerson(Person Person, PersonKey Key, IReadOnlyList<BlindIndex> Indexes, IReadOnlyList<ConsentRecord> Consents);
