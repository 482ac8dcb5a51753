using System.Diagnostics;
using Custodian.Telemetry;

namespace Custodian.Audit;

/// <summary>One append to the chain as telemetry sees it: a span, its latency and its group size (no event's content).</summary>
internal readonly struct AuditTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly long _started;
    private readonly int _count;

    private AuditTelemetry(int count)
    {
        _count = count;
        _started = Stopwatch.GetTimestamp();
        _span = CustodianTelemetry.Source.StartActivity("audit.append");
        _span?.SetTag("custodian.audit.group_size", count);
    }

    public static AuditTelemetry Append(int count) => new(count);

    public void Dispose()
    {
        CustodianTelemetry.AuditAppendDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds);
        CustodianTelemetry.AuditGroupSize.Record(_count);
        _span?.Dispose();
    }
}
