using System.Diagnostics;
using Custodian.Telemetry;

namespace Custodian.Gate;

public sealed partial class PersonGate
{
    private static Activity? StartSpan(GateUse use, string operation)
    {
        var activity = CustodianTelemetry.Source.StartActivity(operation);
        activity?.SetTag("custodian.gate.use", UseTag(use));
        return activity;
    }

    /// <summary>
    /// Counts a decision and tags the span. The purpose is the policy's id from <paramref name="request"/>: a purpose the
    /// policy does not know is whatever the caller typed, and is tagged "unknown".
    /// </summary>
    private static void Decided(Activity? activity, GateUse use, GateRequest? request, string outcome, string? reason) =>
        Decided(activity, use, request?.Purpose.Id, outcome, reason, 1);

    private static void Decided(Activity? activity, GateUse use, string? purposeId, string outcome, string? reason, long count)
    {
        var purpose = CustodianTelemetry.PurposeTag(purposeId);
        CustodianTelemetry.GateDecisions.Add(count,
            new("outcome", outcome), new("purpose", purpose), new("use", UseTag(use)), new("reason", reason ?? "none"));
        if (activity is not null)
        {
            activity.SetTag("custodian.gate.outcome", outcome);
            activity.SetTag("custodian.gate.purpose", purpose);
            if (reason is not null)
            {
                activity.SetTag("custodian.gate.reason", reason);
            }
        }
    }

    private static string UseTag(GateUse use) => use switch
    {
        GateUse.Read => "read",
        GateUse.Provide => "provide",
        GateUse.ProvideOnGround => "provide-on-ground",
        GateUse.Release => "release",
        GateUse.Disclose => "disclose",
        GateUse.Export => "export",
        _ => "other",
    };
}
