namespace Custodian.Tests.Policy.Changes;

/// <summary>
/// The tests' own second version of the Mexico policy, beside a copy of the real policy folder: version 2026-12-01 adds
/// purpose 1h (events, no consent asked) and a joint user (the partner companies). Written from the real first version at
/// test time, so it carries whatever else that file holds (notice texts, their references) and stays loadable as it changes.
/// Not an operator's version: it never goes into policies/.
/// </summary>
public static class PolicyVersionFolder
{
    public const string PolicyId = "leverages-career-mexico";
    public const string First = "2023-06-09";
    public const string Second = "2026-12-01";
    public const string AddedPurpose = "service.events";
    public const string AddedJointUser = "leverages-partner-companies";
    public const string AddedPurposeEnglish = "to invite you to career events";

    /// <summary>For hosts on the real clock: the second version took effect yesterday (UTC).</summary>
    public static DateOnly Yesterday => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-1);

    /// <summary>A temporary copy of the built policies folder with the second version in effect from <paramref name="effective"/>.</summary>
    public static string Create(DateOnly effective)
    {
        var folder = Directory.CreateTempSubdirectory("custodian-versions-").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "policies");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(folder, PolicyId + ".v2.yaml"), SecondVersion(File.ReadAllText(Path.Combine(source, PolicyId + ".yaml")), effective));
        return folder;
    }

    public static string SecondVersion(string first, DateOnly effective) => first
        .Replace($"version: \"{First}\"", $"version: \"{Second}\"\neffective: \"{effective:yyyy-MM-dd}\"", StringComparison.Ordinal)
        .Replace("\npurposes:\n", $$"""

            purposes:
              - id: {{AddedPurpose}}
                label: 1h
                items: [name, email]
                consent: false
                description:
                  ja: キャリアイベントにご招待するため
                  en: {{AddedPurposeEnglish}}
                  es: para invitarle a eventos de carrera

            """, StringComparison.Ordinal)
        .Replace("members: [leverages-group-companies, asian-hr-association]", $"members: [leverages-group-companies, asian-hr-association, {AddedJointUser}]", StringComparison.Ordinal)
        // The operator's approved text of this made-up version is the first's: what it adds is named as set by the operator.
        .Replace("\noperator-set:\n", $$"""

            operator-set:
              - effective
              - purposes[{{AddedPurpose}}]
              - recipients.joint-use.members[{{AddedJointUser}}]

            """, StringComparison.Ordinal)
        .Replace("\nterms:\n", $$"""

            terms:
              {{AddedJointUser}}: { ja: レバレジーズのパートナー企業, en: Leverages' partner companies, es: empresas socias de Leverages }

            """, StringComparison.Ordinal);
}
