using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy;

/// <summary>A small valid policy, one fact per line, so each test breaks one line and knows where the error must point.</summary>
internal static class PolicyYaml
{
    public const string Valid = """
        id: test
        version: "1"
        binding-language: ja
        calendar: jp
        operator:
          name: Operator
          contact-points:
            - name: Desk
              email: desk@example.com
        categories:
          - id: identity
            name: { ja: 本人, en: Identity }
        items:
          - id: name
            category: identity
            type: Text
            name: { ja: 氏名, en: Name }
        purposes:
          - id: service.apply
            label: 1a
            items: [name]
            required: [name]
            consent: false
            description: { ja: 応募, en: to apply }
        channels:
          - id: web
            purposes: [service.apply]
            name: { ja: ウェブ, en: Web }
        provision-without-consent:
          - id: a
            text: { ja: 法令, en: By law }
        requests:
          types: [disclosure]
          refusal-grounds: []
          identity-documents: [passport]
          deadline-business-days: 14
          free-of-charge: [disclosure]
        terms:
          disclosure: { ja: 開示, en: disclosure }
          passport: { ja: 旅券, en: Passport }
        notices:
          ja:
            title: 通知
            sections:
              - heading: 目的
                paragraphs: ["{deadline-business-days}日以内"]
                list: purposes
          en:
            title: Notice
            translation-note: Only the Japanese notice is binding.
            sections:
              - heading: Purposes
                paragraphs: ["Within {deadline-business-days} days"]
                list: purposes

        """;

    /// <summary>The valid policy with its 1-based line <paramref name="line"/> replaced (or removed, when null).</summary>
    public static string WithLine(int line, string? replacement)
    {
        var lines = Valid.Split('\n').ToList();
        Assert.True(line >= 1 && line <= lines.Count, "line out of range");
        if (replacement is null)
        {
            lines.RemoveAt(line - 1);
        }
        else
        {
            lines[line - 1] = replacement;
        }

        return string.Join('\n', lines);
    }

    public static PolicyLoadResult Load(string yaml) => PolicyLoader.Load(yaml, "test.yaml");
}
