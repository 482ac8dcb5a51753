using System.Diagnostics;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Custodian.Server.Tests.Telemetry;

/// <summary>The server on SQLite with everything its telemetry exports also kept in memory, and every log line it writes.</summary>
public sealed class TelemetryApp : CustodianApp
{
    public override string Provider => "sqlite";

    public ExportedItems<MetricSnapshot> Metrics { get; } = [];
    public ExportedItems<Activity> Spans { get; } = [];
    public ExportedItems<LogRecord> Logs { get; } = [];
    public LoggedEntries Logged { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logged));
        builder.ConfigureTestServices(s =>
        {
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            s.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(Logs));
            // The exporter answers a scrape within 300 ms of another from its cache: each test's scrape must be fresh.
            s.Configure<OpenTelemetry.Exporter.PrometheusAspNetCoreOptions>(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
        });
    }

    /// <summary>Exports what is pending: metrics are collected now, finished spans and logs handed over.</summary>
    public void Flush() => Flush(Services);

    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<LoggerProvider>().ForceFlush();
    }
}
