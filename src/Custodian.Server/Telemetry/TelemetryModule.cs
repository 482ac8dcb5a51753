using Custodian.Server.Staff;
using Custodian.Staff;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Custodian.Server.Telemetry;

/// <summary>
/// OpenTelemetry: metrics (requests by route and status, the gate's decisions, audit appends, entries, database errors,
/// work waiting), spans across HTTP, gate, audit and PostgreSQL, and logs carrying the trace id. Scraped at <c>/metrics</c>
/// with <c>metrics.read</c>; pushed over OTLP when <c>Telemetry:OtlpEndpoint</c> is set.
/// </summary>
internal static class TelemetryModule
{
    private const string Npgsql = "Npgsql";
    private const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        // Read here because what is registered depends on it; the validator above stops a start with a bad value.
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        // Console lines carry the trace and span ids of the request they were written in.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            if (options.Otlp is { } endpoint)
            {
                o.AddOtlpExporter(e => Configure(e, endpoint, options));
            }
        });
        builder.Services.AddHostedService<WorkGauges>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("custodian"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter(Custodian.Telemetry.CustodianTelemetry.Name).AddPrometheusExporter();
                if (options.Otlp is { } endpoint)
                {
                    m.AddOtlpExporter(e => Configure(e, endpoint, options));
                }
            })
            .WithTracing(t =>
            {
                // The filter runs before routing, so it has only the path: spelled as routing matches it, any case, with or without '/'.
                t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase))
                    .AddSource(Custodian.Telemetry.CustodianTelemetry.Name, Npgsql)
                    .AddProcessor(new SpanAttributeAllowList());
                if (options.Otlp is { } endpoint)
                {
                    t.AddOtlpExporter(e => Configure(e, endpoint, options));
                }
            });
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequirePermission(Permissions.MetricsRead);
        }

        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, TelemetryOptions options)
    {
        exporter.Endpoint = endpoint;
        exporter.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
    }
}
