using Custodian.Policy;
using Custodian.Policy.Changes;
using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy.Changes;

public sealed class PolicyDiffTests
{
    // Named as files of the policies folder, so the notice texts they refer to are found beside them.
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "policies");
    private static readonly string Source = File.ReadAllText(Path.Combine(Folder, PolicyVersionFolder.PolicyId + ".yaml"));
    private static readonly PrivacyPolicy First = PolicyLoader.Load(Source, Path.Combine(Folder, "v1.yaml")).Policy!;
    private static readonly PrivacyPolicy Second = PolicyLoader.Load(PolicyVersionFolder.SecondVersion(Source, new DateOnly(2026, 12, 1)), Path.Combine(Folder, "v2.yaml")).Policy!;

    [Fact]
    public void The_change_lists_the_added_purpose_and_joint_user_and_nothing_else()
    {
        var changes = PolicyDiff.Between(First, Second);

        Assert.Equal(
            [
                new PolicyChange(ChangeArea.Purpose, ChangeKind.Added, PolicyVersionFolder.AddedPurpose),
                new PolicyChange(ChangeArea.JointUser, ChangeKind.Added, PolicyVersionFolder.AddedJointUser),
            ],
            changes.Changes);
        Assert.True(changes.NeedsConsent);
        Assert.Equal([PolicyVersionFolder.AddedPurpose], changes.AddedPurposes);
    }

    [Fact]
    public void Going_back_lists_the_same_things_as_removed_and_asks_no_new_consent()
    {
        var changes = PolicyDiff.Between(Second, First);

        Assert.All(changes.Changes, c => Assert.Equal(ChangeKind.Removed, c.Kind));
        Assert.False(changes.NeedsConsent);
    }

    [Fact]
    public void Retention_and_items_of_a_purpose_are_compared_too()
    {
        var edited = PolicyLoader.Load(Source.Replace("items: [inquiry]\n", "items: [inquiry, email]\n", StringComparison.Ordinal), Path.Combine(Folder, "v3.yaml")).Policy!;

        var change = Assert.Single(PolicyDiff.Between(First, edited).Changes);

        Assert.Equal(new PolicyChange(ChangeArea.PurposeItem, ChangeKind.Added, "email", "contact.statistics"), change);
    }

    [Theory]
    [InlineData("en", "Added", "Purpose of use", "1h. " + PolicyVersionFolder.AddedPurposeEnglish)]
    [InlineData("es", "Añadido", "Usuario conjunto", "empresas socias de Leverages")]
    [InlineData("ja", "追加", "共同利用者", "レバレジーズのパートナー企業")]
    public void Each_change_is_named_in_the_reader_s_language_never_by_id(string language, string kind, string area, string text)
    {
        var lines = ChangeDescriptions.Describe(PolicyDiff.Between(First, Second), language);

        Assert.Contains(new ChangeLine(area, kind, text), lines);
        Assert.DoesNotContain(lines, l => l.Text.Contains(PolicyVersionFolder.AddedPurpose, StringComparison.Ordinal) || l.Text.Contains(PolicyVersionFolder.AddedJointUser, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", "Retention period", "Cookie choices: 25 months → 1 month")]
    [InlineData("es", "Plazo de conservación", "Elecciones de cookies: 25 meses → 1 mes")]
    [InlineData("ja", "保存期間", "Cookieの選択: 25か月 → 1か月")]
    public void A_changed_retention_period_is_written_in_the_reader_s_language(string language, string area, string text)
    {
        var shorter = PolicyLoader.Load(Source.Replace("keep: 25 months", "keep: 1 month", StringComparison.Ordinal), Path.Combine(Folder, "v3.yaml")).Policy!;

        var line = Assert.Single(ChangeDescriptions.Describe(PolicyDiff.Between(First, shorter), language));

        Assert.Equal(new ChangeLine(area, ChangeLabels.For(language).Kinds[ChangeKind.Changed], text), line);
    }

    [Theory]
    [InlineData("en", "3 years")]
    [InlineData("en", "1 day")]
    [InlineData("es", "2 semanas")]
    [InlineData("ja", "1年")]
    public void Periods_read_naturally(string language, string expected)
    {
        var written = expected switch { "3 years" => "3 years", "1 day" => "1 day", "2 semanas" => "2 weeks", _ => "1 year" };

        Assert.Equal(expected, ChangeDescriptions.Period(written, language));
    }
}
