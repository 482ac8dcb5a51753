using System.CommandLine;
using Custodian.Cli.Policy;
using Custodian.Policy;
using Custodian.Tests.Policy;

namespace Custodian.Tests.Retention;

/// <summary>The retention schedule in a policy file: each rule's kind, period and basis, and every bad one at file:line:column.</summary>
public sealed class RetentionRuleTests
{
    // Lines 55-63 of the policy these tests load.
    private static readonly string[] Schedule =
    [
        "retention:",
        "  - record: persons",
        "    keep: 3 years",
        "    basis: policy",
        "    quote: 日以内",
        "  - record: audit-events",
        "    keep: 5 years",
        "    basis: law",
        "    reference: APPI Art. 23",
    ];

    private static string WithSchedule(int line = 0, string? replacement = "")
    {
        var lines = PolicyYaml.Valid.TrimEnd().Split('\n').Concat(Schedule).ToList();
        if (line > 0)
        {
            if (replacement is null)
            {
                lines.RemoveAt(line - 1);
            }
            else
            {
                lines[line - 1] = replacement;
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void A_schedule_loads_with_each_rules_period_basis_and_the_section_its_quote_is_in()
    {
        var result = PolicyYaml.Load(WithSchedule());

        Assert.Empty(result.Errors);
        var persons = result.Policy!.FindRetention(RecordKind.Persons)!;
        Assert.Equal(new RetentionPeriod(3, PeriodUnit.Years), persons.Keep);
        Assert.Equal((RetentionBasis.Policy, "目的"), (persons.Basis, persons.QuoteSection));
        Assert.Equal("APPI Art. 23", result.Policy.FindRetention(RecordKind.AuditEvents)!.Reference);
        Assert.Null(result.Policy.FindRetention(RecordKind.Sessions));
    }

    [Theory]
    [InlineData(56, "  - record: person", "unknown-record-kind", 56, 13)]
    [InlineData(56, "  - record: backups", "unknown-record-kind", 56, 13)]
    [InlineData(57, "    keep: -3 years", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: 0 days", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: three years", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: 3 yrs", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: 3.5 years", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: 101 years", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: 99999999999 days", "invalid-period", 57, 11)]
    [InlineData(57, "    keep: [3, years]", "wrong-type", 57, 11)]
    [InlineData(57, null, "required-field", 56, 5)]
    [InlineData(58, "    basis: custom", "invalid-value", 58, 12)]
    [InlineData(59, "    quote: 当社の規程に従って廃棄します", "quote-not-in-notice", 59, 12)]
    [InlineData(59, null, "required-field", 56, 5)]
    [InlineData(63, null, "required-field", 60, 5)]
    [InlineData(60, "  - record: persons", "duplicate-id", 60, 13)]
    [InlineData(61, "    kept: 5 years", "unknown-field", 61, 5)]
    public void A_bad_rule_is_reported_with_its_rule_and_position(int line, string? replacement, string rule, long expectedLine, long expectedColumn)
    {
        var result = PolicyYaml.Load(WithSchedule(line, replacement));

        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Rule == rule && e.Line == expectedLine && e.Column == expectedColumn);
    }

    [Fact]
    public void Policy_check_prints_a_negative_period_and_an_unknown_kind_at_file_line_column_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("custodian-retention-check-").FullName;
        try
        {
            var path = Path.Combine(folder, "bad.yaml");
            File.WriteAllText(path, WithSchedule(57, "    keep: -1 years").Replace("record: audit-events", "record: audit-event", StringComparison.Ordinal));
            var root = new RootCommand();
            root.Subcommands.Add(PolicyCommands.Create());
            var output = new StringWriter();
            var error = new StringWriter();

            var exit = root.Parse(["policy", "check", path]).Invoke(new InvocationConfiguration { Output = output, Error = error });

            Assert.Equal(1, exit);
            Assert.Contains($"{path}:57:11: invalid-period: ", error.ToString(), StringComparison.Ordinal);
            Assert.Contains($"{path}:60:13: unknown-record-kind: ", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_service_policy_states_a_rule_for_every_kind_of_record()
    {
        var policy = PolicyLoadingHelper.Shipped("leverages-career-mexico.yaml");

        Assert.Equal(Enum.GetValues<RecordKind>().Order(), policy.Retention.Select(r => r.Record).Order());
        Assert.All(policy.Retention.Where(r => r.Basis == RetentionBasis.Policy), r => Assert.NotNull(r.QuoteSection));
        Assert.All(policy.Retention.Where(r => r.Basis != RetentionBasis.Policy), r => Assert.False(string.IsNullOrWhiteSpace(r.Reference)));
    }

    [Theory]
    [InlineData("30 days", 30, PeriodUnit.Days)]
    [InlineData("1 day", 1, PeriodUnit.Days)]
    [InlineData("2 weeks", 2, PeriodUnit.Weeks)]
    [InlineData("25 months", 25, PeriodUnit.Months)]
    [InlineData("3 years", 3, PeriodUnit.Years)]
    public void A_period_reads_as_a_number_and_a_unit(string text, int count, PeriodUnit unit) =>
        Assert.Equal(new RetentionPeriod(count, unit), RetentionPeriod.Parse(text).Period);

    [Fact]
    public void A_period_counts_back_in_calendar_units()
    {
        var now = new DateTime(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2025, 12, 31, 12, 0, 0, DateTimeKind.Utc), new RetentionPeriod(3, PeriodUnit.Months).Before(now));
        Assert.Equal(new DateTime(2023, 3, 31, 12, 0, 0, DateTimeKind.Utc), new RetentionPeriod(3, PeriodUnit.Years).Before(now));
    }
}

internal static class PolicyLoadingHelper
{
    public static PrivacyPolicy Shipped(string file)
    {
        var result = Custodian.Policy.Loading.PolicyLoader.LoadFile(Path.Combine(PolicyFilesTests.Folder, file));
        Assert.Empty(result.Errors);
        return result.Policy!;
    }
}
