using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Telemetry;

/// <summary>What <c>Telemetry</c> configures: whether it runs, where OTLP goes, how often the gauges are sampled.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Off: no metrics, spans or exported logs, and no <c>/metrics</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An OTLP collector (http or https); empty exports nothing and keeps only the Prometheus scrape.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>How often the outbox depth and the request deadlines at risk are counted for their gauges.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(1);

    public Uri? Otlp => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && options.Otlp is null)
        {
            problems.Add("Telemetry:OtlpEndpoint: an absolute http or https address of an OTLP collector, e.g. http://127.0.0.1:4317.");
        }

        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            problems.Add("Telemetry:OtlpProtocol: grpc or http/protobuf.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
