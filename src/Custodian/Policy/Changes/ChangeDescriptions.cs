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
            $"{labels.Records[kind]}: {change.Before ?? "—"} → {change.After ?? "—"}",
        _ => change.Id,
    };

    private static string Purpose(VersionChanges changes, string id, string language) =>
        (changes.To.FindPurpose(id) ?? changes.From.FindPurpose(id)) is { } p ? $"{p.Label}. {p.Description[language]}" : id;

    private static string Item(VersionChanges changes, string id, string language) =>
        (changes.To.FindItem(id) ?? changes.From.FindItem(id))?.Name[language] ?? id;

    private static string Term(VersionChanges changes, string id, string language) =>
        changes.To.Terms.TryGetValue(id, out var text) || changes.From.Terms.TryGetValue(id, out text) ? text[language] : id;
}
