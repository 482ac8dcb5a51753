using Custodian.Policy;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents;

/// <summary>Checks an <see cref="IncidentInput"/> and applies it to an incident; every broken rule is named by its field.</summary>
internal sealed class IncidentValidation(PolicyStore policies, TimeProvider time)
{
    public const int MaxText = 4000;

    /// <summary>The fields the input changed, or the errors by field; the incident is changed only when there are none.</summary>
    public async Task<(List<string> Changed, Dictionary<string, string[]> Errors)> ApplyAsync(
        CustodianDb db, Incident incident, IncidentInput input, bool registering, CancellationToken cancellationToken, bool bySystem = false)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = [message];

        if (registering && input.LearnedAt is null)
        {
            Error("learnedAt", "When the incident was learned of is required (date and time, ISO 8601).");
        }
        else if (input.LearnedAt is { } learned && learned > time.GetUtcNow().AddMinutes(5))
        {
            Error("learnedAt", "The learning date cannot be in the future.");
        }

        if (registering && input.LearnedBy is null)
        {
            Error("learnedBy", "Who learned of it (a staff account id) is required.");
        }
        else if (input.LearnedBy is { } by && !(bySystem && by == Guid.Empty) && !await db.Set<StaffAccount>().AnyAsync(a => a.Id == by, cancellationToken))
        {
            Error("learnedBy", "No staff account has this id.");
        }

        if (registering && string.IsNullOrWhiteSpace(input.Summary))
        {
            Error("summary", "What happened is required.");
        }

        foreach (var (field, text) in new[] { ("summary", input.Summary), ("learnedHow", input.LearnedHow), ("containment", input.Containment) })
        {
            if (text?.Length > MaxText)
            {
                Error(field, $"At most {MaxText} characters.");
            }
        }

        var cause = incident.Cause;
        if (registering && input.Cause is null)
        {
            Error("cause", $"The cause is required: one of {string.Join(", ", IncidentCauses.CauseNames)}.");
        }
        else if (input.Cause is not null && !IncidentCauses.TryParse(input.Cause, out cause))
        {
            Error("cause", $"Unknown cause; one of {string.Join(", ", IncidentCauses.CauseNames)}.");
        }

        var keys = incident.KeysExposed;
        if (input.KeysExposed is not null && !Enum.TryParse(Kebab.FromKebab(input.KeysExposed), ignoreCase: true, out keys))
        {
            Error("keysExposed", "One of: unknown, none, person-keys, key-encryption-key.");
        }

        if (input.AffectedCount is < 0)
        {
            Error("affectedCount", "The count of affected persons cannot be negative.");
        }

        var policyIds = input.Policies?.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList()
            ?? (registering ? [policies.Default.Id] : [.. incident.PolicyIds]);
        var unknownPolicy = policyIds.FirstOrDefault(p => policies.Find(p) is null);
        if (unknownPolicy is not null || policyIds.Count == 0)
        {
            Error("policies", $"Unknown policy; known: {string.Join(", ", policies.All.Keys)}.");
        }

        var items = Qualify(input.Items ?? (input.Policies is null ? null : incident.ItemIds), policyIds, out var badItem);
        if (badItem is not null && unknownPolicy is null)
        {
            Error("items", $"'{badItem}' is not an item of the policies concerned ({string.Join(", ", policyIds)}).");
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var changed = new List<string>();
        void Text(string field, string current, string? value, Action<string> assign)
        {
            if (value is not null && !string.Equals(current, value, StringComparison.Ordinal))
            {
                assign(value);
                changed.Add(field);
            }
        }

        void Value<T>(string field, T current, T? value, Action<T> assign) where T : struct
        {
            if (value is { } v && !EqualityComparer<T>.Default.Equals(current, v))
            {
                assign(v);
                changed.Add(field);
            }
        }

        Value("learnedAt", incident.LearnedAt, input.LearnedAt?.UtcDateTime, v => incident.LearnedAt = v);
        Text("learnedHow", incident.LearnedHow, input.LearnedHow?.Trim(), v => incident.LearnedHow = v);
        Value("learnedBy", incident.LearnedBy, input.LearnedBy, v => incident.LearnedBy = v);
        Text("summary", incident.Summary, input.Summary?.Trim(), v => incident.Summary = v);
        Value("cause", incident.Cause, input.Cause is null ? (IncidentCause?)null : cause, v => incident.Cause = v);
        Text("policies", incident.Policies, string.Join(',', policyIds), v => incident.Policies = v);
        Text("items", incident.Items, items is null ? null : string.Join(',', items), v => incident.Items = v);
        Text("containment", incident.Containment, input.Containment?.Trim(), v => incident.Containment = v);
        if (input.AffectedCount is not null && incident.AffectedCount != input.AffectedCount)
        {
            incident.AffectedCount = input.AffectedCount;
            changed.Add("affectedCount");
        }

        Value("encrypted", incident.Encrypted, input.Encrypted, v => incident.Encrypted = v);
        Value("keysExposed", incident.KeysExposed, input.KeysExposed is null ? (ExposedKeys?)null : keys, v => incident.KeysExposed = v);
        return (changed, errors);
    }

    /// <summary>Items as <c>policy/item</c>; a bare item id is looked up in the policies concerned, in order.</summary>
    private List<string>? Qualify(IEnumerable<string>? items, List<string> policyIds, out string? bad)
    {
        bad = null;
        if (items is null)
        {
            return null;
        }

        var qualified = new List<string>();
        foreach (var raw in items.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            var slash = raw.IndexOf('/', StringComparison.Ordinal);
            var found = slash > 0
                ? policyIds.Contains(raw[..slash], StringComparer.Ordinal) && policies.Find(raw[..slash])?.FindItem(raw[(slash + 1)..]) is not null ? raw : null
                : policyIds.FirstOrDefault(p => policies.Find(p)?.FindItem(raw) is not null) is { } policy ? $"{policy}/{raw}" : null;
            if (found is null)
            {
                bad = raw;
                return null;
            }

            if (!qualified.Contains(found, StringComparer.Ordinal))
            {
                qualified.Add(found);
            }
        }

        return qualified;
    }
}

/// <summary>kebab-case wire names for the enums that have no table of their own.</summary>
public static class Kebab
{
    public static string FromKebab(string text) => text.Replace("-", "", StringComparison.Ordinal).Trim();

    public static string ToKebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
