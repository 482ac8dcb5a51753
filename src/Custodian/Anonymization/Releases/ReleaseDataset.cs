using System.Globalization;
using System.Security.Cryptography;
using Custodian.Common;
using Custodian.Policy;

namespace Custodian.Anonymization;

/// <summary>One processing standard as applied: what it touched and how, for the release report.</summary>
public sealed record ProcessingStep(int Number, string Standard, IReadOnlyList<string> Items, string Action, int Affected);

/// <summary>
/// Steps 1 to 4 of the processing standards: collects each person's released items as coarse values (nothing else
/// is kept), then top-codes outliers and replaces rare descriptions. Step 5 (k-anonymity) runs on the result.
/// </summary>
internal sealed class ReleaseDataset
{
    private readonly PrivacyPolicy _policy;
    private readonly ReleaseOptions _options;
    private readonly DateOnly _today;
    private readonly string[] _columns;
    private readonly List<string[]> _rows = [];
    private int _agesTopCoded;
    private int _experienceTopCoded;

    private ReleaseDataset(PrivacyPolicy policy, ReleaseOptions options, DateOnly today, string[] columns)
    {
        _policy = policy;
        _options = options;
        _today = today;
        _columns = columns;
    }

    public IReadOnlyList<string> Columns => _columns;
    public int Count => _rows.Count;

    public static Result<ReleaseDataset> Create(PrivacyPolicy policy, ReleaseOptions options, DateOnly today)
    {
        if (policy.AnonymizedItems.Count == 0)
            return Failure.Invalid("policyId", "release.no-anonymized-items", $"Policy {policy.Id} names no items of anonymized processed information.");
        foreach (var id in policy.AnonymizedItems)
        {
            if (Coding(policy.FindItem(id)) is null)
                return Failure.Invalid("policyId", "release.item-not-codable", $"Item {id} of policy {policy.Id} has no coding for release.");
        }
        return new ReleaseDataset(policy, options, today, policy.AnonymizedItems.ToArray());
    }

    /// <summary>Steps 1–3 for one person: only the released items, coded; the person id and every other item stay behind.</summary>
    public void Add(IReadOnlyDictionary<string, string> items)
    {
        var row = new string[_columns.Length];
        for (var c = 0; c < row.Length; c++)
        {
            items.TryGetValue(_columns[c], out var value);
            row[c] = Coding(_policy.FindItem(_columns[c])) switch
            {
                ItemCode.BirthDate => BirthDate(value),
                ItemCode.Sex => ItemCoding.Sex(value),
                ItemCode.Years => Years(value),
                _ => ItemCoding.Title(value),
            };
        }
        _rows.Add(row);
    }

    /// <summary>Step 4, then the table and hierarchies step 5 needs, rows in random order (row order would link back to registration order).</summary>
    public (EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies, IReadOnlyList<ProcessingStep> Steps) Finish(int k)
    {
        var rare = ReplaceRareTitles(k);
        var rows = _rows.ToArray();
        RandomNumberGenerator.Shuffle(rows.AsSpan());
        var hierarchies = new Dictionary<string, Hierarchy>(StringComparer.Ordinal);
        var codes = new int[_columns.Length][];
        var values = new string[_columns.Length][];
        for (var c = 0; c < _columns.Length; c++)
        {
            var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
            codes[c] = new int[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                if (!lookup.TryGetValue(rows[r][c], out var code)) lookup.Add(rows[r][c], code = lookup.Count);
                codes[c][r] = code;
            }
            values[c] = lookup.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
            hierarchies[_columns[c]] = BuildHierarchy(_columns[c], values[c]);
        }
        return (new EncodedTable(_columns, codes, values, rows.Length), hierarchies, Steps(rare));
    }

    private IReadOnlyList<ProcessingStep> Steps(int rareTitles)
    {
        var removed = _policy.Items.Where(i => !_columns.Contains(i.Id)).ToList();
        var codes = removed.Where(i => i.Type is ItemType.Email or ItemType.Telephone).Select(i => i.Id).ToList();
        var descriptions = removed.Select(i => i.Id).Except(codes).Union(_policy.AnonymizedRemovedItems).ToList();
        var ages = _columns.Where(c => Coding(_policy.FindItem(c)) == ItemCode.BirthDate).ToList();
        var years = _columns.Where(c => Coding(_policy.FindItem(c)) == ItemCode.Years).ToList();
        var titles = _columns.Where(c => Coding(_policy.FindItem(c)) == ItemCode.Title).ToList();
        return
        [
            new(1, "identifying-descriptions", descriptions,
                "Not read from the vault or dropped: only the items of anonymized processed information are kept; free text is reduced to numbers and job titles.", _rows.Count),
            new(2, "identification-codes", codes, "E-mail addresses and telephone numbers are never read into a release.", _rows.Count),
            new(3, "linking-codes", ["person-id", "registered-at", "channel", "row-order"],
                "Person ids, registration times and channels are not released; rows are shuffled so their order links to nothing.", _rows.Count),
            new(4, "peculiar-descriptions", [.. ages, .. years, .. titles],
                string.Create(CultureInfo.InvariantCulture,
                    $"Ages over {_options.TopCodeAge} and experience over {_options.TopCodeExperienceYears} years are top-coded; job titles held by fewer persons than k are replaced by their category ({_agesTopCoded} ages, {_experienceTopCoded} experiences, {rareTitles} titles)."),
                _agesTopCoded + _experienceTopCoded + rareTitles),
        ];
    }

    private string BirthDate(string? value)
    {
        if (ItemCoding.Date(value) is not { } birth || birth > _today) return ItemCoding.Unknown;
        if (ItemCoding.Age(birth, _today) <= _options.TopCodeAge) return birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _agesTopCoded++;
        return TopCode(_options.TopCodeAge);
    }

    private string Years(string? value)
    {
        if (ItemCoding.Years(value) is not { } years) return ItemCoding.Unknown;
        if (years <= _options.TopCodeExperienceYears) return years.ToString(CultureInfo.InvariantCulture);
        _experienceTopCoded++;
        return TopCode(_options.TopCodeExperienceYears);
    }

    private int ReplaceRareTitles(int k)
    {
        var replaced = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            if (Coding(_policy.FindItem(_columns[c])) != ItemCode.Title) continue;
            var counts = _rows.CountBy(r => r[c], StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var row in _rows.Where(r => counts[r[c]] < k && r[c] != ItemCoding.Unknown))
            {
                row[c] = Category(row[c]);
                replaced++;
            }
        }
        return replaced;
    }

    // A title already replaced by its category stays that category.
    private string Category(string title) =>
        _options.CareerCategories.ContainsValue(title) ? title : ItemCoding.CareerCategory(title, _options.CareerCategories);

    private Hierarchy BuildHierarchy(string column, string[] values)
    {
        var special = values.Where(v => v == ItemCoding.Unknown || v.StartsWith("over ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var plain = values.Where(v => !special.Contains(v)).ToList();
        var built = Coding(_policy.FindItem(column)) switch
        {
            ItemCode.BirthDate => HierarchyBuilders.DateOfBirth(column, plain),
            ItemCode.Years => HierarchyBuilders.ExperienceYears(column, plain),
            ItemCode.Sex => Hierarchy.Create(column, plain.Select(v => new[] { v, "*" })),
            _ => HierarchyBuilders.Career(column, plain.ToDictionary(v => v, Category, StringComparer.Ordinal)),
        };
        var depth = Coding(_policy.FindItem(column)) switch { ItemCode.BirthDate => 6, ItemCode.Years => 5, ItemCode.Sex => 2, _ => 3 };
        var rows = (plain.Count == 0 ? [] : built.Value!.Rows)
            .Concat(special.Select(v => Enumerable.Repeat(v, depth - 1).Append("*").ToArray()));
        // Every value came from the coding above, so a builder failure here is a defect, not bad input.
        return Hierarchy.Create(column, rows).Value ?? throw new InvalidOperationException($"The hierarchy of {column} could not be built.");
    }

    private static string TopCode(int limit) => string.Create(CultureInfo.InvariantCulture, $"over {limit}");

    private static ItemCode? Coding(DataItem? item) => item switch
    {
        { Type: ItemType.Date } => ItemCode.BirthDate,
        { Type: ItemType.Sex } => ItemCode.Sex,
        { Id: "experience" } => ItemCode.Years,
        { Id: "career" } => ItemCode.Title,
        _ => null,
    };

    private enum ItemCode
    {
        BirthDate,
        Sex,
        Years,
        Title,
    }
}
