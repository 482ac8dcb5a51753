using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Custodian.Telemetry;

/// <summary>
/// The instruments the core reports through. Tags carry only bounded, non-personal values: outcomes, failure codes and
/// purpose ids that the policy defines — never a person id, a name or anything a caller typed. Without a listener (telemetry
/// off) an instrument or a span costs a branch.
/// </summary>
internal static class CustodianTelemetry
{
    public const string Name = "Custodian";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> GateDecisions = Meter.CreateCounter<long>(
        "custodian.gate.decisions", "{decision}", "Uses of personal data the gate decided, by outcome, purpose and use.");

    public static readonly Histogram<double> AuditAppendDuration = Meter.CreateHistogram<double>(
        "custodian.audit.append.duration", "s", "Time to append one group of audit events durably.");

    public static readonly Histogram<long> AuditGroupSize = Meter.CreateHistogram<long>(
        "custodian.audit.append.group_size", "{event}", "Audit events appended in one transaction.");

    public static readonly Counter<long> Entries = Meter.CreateCounter<long>(
        "custodian.provision.entries", "{entry}", "Candidates' entries for client companies, by outcome.");

    public static readonly Counter<long> DatabaseErrors = Meter.CreateCounter<long>(
        "custodian.database.errors", "{error}", "Database commands that failed, by kind.");

    /// <summary>A purpose id for a tag: the policy's own id, or "unknown" for anything else a caller sent.</summary>
    public static string PurposeTag(string? policyPurposeId) => policyPurposeId ?? "unknown";
}
