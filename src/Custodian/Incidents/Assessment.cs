namespace Custodian.Incidents;

public enum Reportability
{
    /// <summary>Not enough is known: no one-person ground, and the persons are not counted yet.</summary>
    Undetermined = 0,
    Reportable = 1,
    NotReportable = 2,
}

/// <summary>The answer to "must this be reported to the PPC?", with the reasoning that led to it.</summary>
public sealed record Assessment(Reportability Computed, Reportability Decision, bool Overridden, string? OverrideReason, IReadOnlyList<string> Reasoning)
{
    /// <summary>Reports are due: reportable by the rule or by the office's override.</summary>
    public bool ReportsDue => Decision == Reportability.Reportable;

    /// <summary>Deadlines are shown while reports are due or the answer is not known yet.</summary>
    public bool DeadlinesApply => Decision != Reportability.NotReportable;
}

/// <summary>
/// Enforcement Rule Art. 7 (APPI Art. 26): a leak is reportable when it involves (i) sensitive personal information,
/// (ii) data whose misuse risks financial damage, (iii) a likely wrongful purpose (intrusion, web skimming, an insider),
/// each with one person enough, or (iv) more than 1,000 persons. Data under advanced encryption whose keys stayed safe
/// is excluded. Every step writes one reasoning line.
/// </summary>
public sealed class ReportableAssessor(IncidentsOptions options)
{
    public const int PersonsThreshold = 1000;

    private readonly HashSet<string> _sensitive = options.SensitiveItems.ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _financial = options.FinancialItems.ToHashSet(StringComparer.Ordinal);

    public Assessment Assess(Incident incident)
    {
        var lines = new List<string>();
        var computed = Compute(incident, lines);
        if (incident.ReportableOverride is { } decision)
        {
            var overridden = decision ? Reportability.Reportable : Reportability.NotReportable;
            lines.Add($"Overridden by the office: {(decision ? "reportable" : "not reportable")}. Reason: {incident.OverrideReason}");
            return new Assessment(computed, overridden, true, incident.OverrideReason, lines);
        }

        return new Assessment(computed, computed, false, null, lines);
    }

    private Reportability Compute(Incident incident, List<string> lines)
    {
        if (incident.Encrypted)
        {
            if (incident.KeysExposed == ExposedKeys.None)
            {
                lines.Add("The leaked copy was under advanced encryption and no key left with it (neither the key-encryption key nor the per-person key files): excluded from reporting (Rule Art. 7, first sentence's parenthesis).");
                return Reportability.NotReportable;
            }

            lines.Add(incident.KeysExposed switch
            {
                ExposedKeys.PersonKeys => "The copy was encrypted, but the per-person key files were exposed with it: the encryption exclusion does not apply.",
                ExposedKeys.KeyEncryptionKey => "The copy was encrypted, but the key-encryption key was exposed, which opens every person's key: the encryption exclusion does not apply.",
                _ => "The copy was encrypted, but whether keys were exposed is not known: the encryption exclusion is not applied until it is.",
            });
        }
        else
        {
            lines.Add("The leaked copy was not under advanced encryption: no exclusion.");
        }

        var oneEnough = false;
        var sensitive = incident.ItemIds.Where(_sensitive.Contains).ToList();
        if (sensitive.Count > 0)
        {
            lines.Add($"Sensitive personal information involved ({string.Join(", ", sensitive)}): one person is enough (Art. 7(i)).");
            oneEnough = true;
        }

        var financial = incident.ItemIds.Where(_financial.Contains).ToList();
        if (financial.Count > 0)
        {
            lines.Add($"Data whose misuse risks financial damage involved ({string.Join(", ", financial)}): one person is enough (Art. 7(ii)).");
            oneEnough = true;
        }

        if (incident.Cause.IsWrongfulPurpose())
        {
            lines.Add($"Cause '{incident.Cause.Name()}' is a likely wrongful purpose: one person is enough (Art. 7(iii)); the final report is due in 60 days.");
            oneEnough = true;
        }

        if (!oneEnough)
        {
            lines.Add("No sensitive or financial item and no likely wrongful purpose: reportable only above 1,000 persons (Art. 7(iv)).");
        }

        switch (incident.AffectedCount)
        {
            case null:
                lines.Add("The affected persons are not counted yet.");
                return oneEnough ? Reportability.Reportable : Reportability.Undetermined;
            case 0 when oneEnough:
                lines.Add("No person is affected: nothing to report.");
                return Reportability.NotReportable;
            case > PersonsThreshold:
                lines.Add($"{incident.AffectedCount} persons affected, more than {PersonsThreshold} (Art. 7(iv)).");
                return Reportability.Reportable;
            default:
                lines.Add($"{incident.AffectedCount} persons affected, not more than {PersonsThreshold}.");
                return oneEnough ? Reportability.Reportable : Reportability.NotReportable;
        }
    }
}
