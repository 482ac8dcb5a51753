using Custodian.Incidents;

namespace Custodian.Tests.Incidents;

/// <summary>Enforcement Rule Art. 7 as the assessor applies it, one ground at a time.</summary>
public sealed class ReportableAssessorTests
{
    private static readonly ReportableAssessor Assessor = new(new IncidentsOptions
    {
        SensitiveItems = ["leverages-group/career"],
        FinancialItems = ["leverages-group/telephone"],
    });

    private static Incident Incident(IncidentCause cause = IncidentCause.Error, int? persons = 5, string items = "leverages-group/name") =>
        new() { Cause = cause, AffectedCount = persons, Items = items, Policies = "leverages-group" };

    [Theory]
    [InlineData(1000, Reportability.NotReportable)]
    [InlineData(1001, Reportability.Reportable)]
    public void Without_a_one_person_ground_more_than_a_thousand_persons_make_it_reportable(int persons, Reportability expected) =>
        Assert.Equal(expected, Assessor.Assess(Incident(persons: persons)).Decision);

    [Theory]
    [InlineData(IncidentCause.UnauthorizedAccess)]
    [InlineData(IncidentCause.WrongfulPurpose)]
    [InlineData(IncidentCause.WebSkimming)]
    public void A_likely_wrongful_purpose_makes_one_person_enough(IncidentCause cause) =>
        Assert.Equal(Reportability.Reportable, Assessor.Assess(Incident(cause, persons: 1)).Decision);

    [Fact]
    public void Sensitive_or_financial_items_make_one_person_enough_and_say_which()
    {
        var sensitive = Assessor.Assess(Incident(persons: 1, items: "leverages-group/career"));
        var financial = Assessor.Assess(Incident(persons: 1, items: "leverages-group/telephone"));

        Assert.Equal((Reportability.Reportable, Reportability.Reportable), (sensitive.Decision, financial.Decision));
        Assert.Contains(sensitive.Reasoning, l => l.Contains("Art. 7(i)", StringComparison.Ordinal) && l.Contains("leverages-group/career", StringComparison.Ordinal));
        Assert.Contains(financial.Reasoning, l => l.Contains("Art. 7(ii)", StringComparison.Ordinal));
    }

    [Fact]
    public void Advanced_encryption_excludes_only_while_no_key_was_exposed()
    {
        var safe = Incident(IncidentCause.UnauthorizedAccess, persons: 5000);
        safe.Encrypted = true;
        safe.KeysExposed = ExposedKeys.None;
        var keysOut = Incident(IncidentCause.UnauthorizedAccess, persons: 5000);
        keysOut.Encrypted = true;
        keysOut.KeysExposed = ExposedKeys.PersonKeys;

        Assert.Equal(Reportability.NotReportable, Assessor.Assess(safe).Decision);
        Assert.Equal(Reportability.Reportable, Assessor.Assess(keysOut).Decision);
        Assert.Contains(Assessor.Assess(keysOut).Reasoning, l => l.Contains("per-person key files were exposed", StringComparison.Ordinal));
    }

    [Fact]
    public void Uncounted_persons_leave_a_plain_error_undetermined()
    {
        Assert.Equal(Reportability.Undetermined, Assessor.Assess(Incident(persons: null)).Decision);
        Assert.True(Assessor.Assess(Incident(persons: null)).DeadlinesApply);
    }

    [Fact]
    public void An_override_decides_and_keeps_the_computed_answer_and_reason()
    {
        var incident = Incident(persons: 10);
        incident.ReportableOverride = true;
        incident.OverrideReason = "Candidates' career histories judged sensitive in context";

        var assessment = Assessor.Assess(incident);

        Assert.Equal((Reportability.NotReportable, Reportability.Reportable, true), (assessment.Computed, assessment.Decision, assessment.Overridden));
        Assert.Contains(assessment.Reasoning, l => l.Contains(incident.OverrideReason, StringComparison.Ordinal));
    }
}
