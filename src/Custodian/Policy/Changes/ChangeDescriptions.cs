namespace Custodian.Policy.Changes;

/// <summary>One change as a reader sees it: what part of the policy, added/removed/changed, and the policy's own name for it.</summary>
public sealed record ChangeLine(string Area, string Kind, string Text);

/// <summary>Names each change in a language from the versions themselves, so the page never shows an id.</summary>
public static class ChangeDescriptions
{
    public static IReadOnlyList<ChangeLine> Describe(VersionChanges changes, string language)
    {
        var labels = ChangeLabels.For(language);
        return changes.Changes.Select(c => new ChangeLine(labels.Areas[c.Area], labels.Kinds[c.Kind], Text(changes, c, language, labels))).ToList();
    }

    private static string Text(VersionChanges changes, PolicyChange change, string language, ChangeLabels labels) => change.Area switch
    {
        ChangeArea.Purpose or ChangeArea.JointUsePurpose or ChangeArea.Outsourcing => Purpose(changes, change.Id, language),
        ChangeArea.PurposeItem => $"{Item(changes, change.Id, language)} — {Purpose(changes, change.Within!, language)}",
        ChangeArea.Item or ChangeArea.ClientCompanyItem or ChangeArea.JointUseItem => Item(changes, change.Id, language),
        ChangeArea.JointUser => Term(changes, change.Id, language),
        ChangeArea.ClientCompanies => labels.Areas[ChangeArea.ClientCompanies],
        ChangeArea.Retention when RecordKinds.Find(change.Id) is { } kind =>
            $"{labels.Records[kind]}: {Period(change.Before, language)} → {Period(change.After, language)}",
        _ => change.Id,
    };

    /// <summary>A retention period in the page's language (3年, 3 years, 3 años); the diff keeps it as the policy file writes it.</summary>
    internal static string Period(string? written, string language)
    {
        if (written is null || RetentionPeriod.Parse(written).Period is not { } period)
        {
            return written ?? "—";
        }

        var one = period.Count == 1;
        var unit = (language, period.Unit) switch
        {
            ("ja", PeriodUnit.Days) => "日",
            ("ja", PeriodUnit.Weeks) => "週間",
            ("ja", PeriodUnit.Months) => "か月",
            ("ja", _) => "年",
            ("es", PeriodUnit.Days) => one ? " día" : " días",
            ("es", PeriodUnit.Weeks) => one ? " semana" : " semanas",
            ("es", PeriodUnit.Months) => one ? " mes" : " meses",
            ("es", _) => one ? " año" : " años",
            (_, PeriodUnit.Days) => one ? " day" : " days",
            (_, PeriodUnit.Weeks) => one ? " week" : " weeks",
            (_, PeriodUnit.Months) => one ? " month" : " months",
            _ => one ? " year" : " years",
        };
        return period.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + unit;
    }

    private static string Purpose(VersionChanges changes, string id, string language) =>
        (changes.To.FindPurpose(id) ?? changes.From.FindPurpose(id)) is { } p ? $"{p.Label}. {p.Description[language]}" : id;

    private static string Item(VersionChanges changes, string id, string language) =>
        (changes.To.FindItem(id) ?? changes.From.FindItem(id))?.Name[language] ?? id;

    private static string Term(VersionChanges changes, string id, string language) =>
        changes.To.Terms.TryGetValue(id, out var text) || changes.From.Terms.TryGetValue(id, out text) ? text[language] : id;
}
