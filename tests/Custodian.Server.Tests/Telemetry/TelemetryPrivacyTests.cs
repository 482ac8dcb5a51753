using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Custodian.Server.Tests.Telemetry;

/// <summary>
/// Personal data driven through the API — registered, searched for, read, even sent where a purpose belongs — appears in
/// no metric tag, no span name, attribute or event, no log record (exported or written) and not in the <c>/metrics</c> scrape.
/// </summary>
public sealed class TelemetryPrivacyTests(TelemetryApp app) : IClassFixture<TelemetryApp>
{
    [Fact]
    public async Task Personal_data_sent_through_the_api_appears_in_no_metric_span_or_log()
    {
        var email = $"lucia.fernandez.{Guid.NewGuid():N}@example.com";
        var telephone = "+52 442 987 6543";
        var items = Candidates.Items(email);
        items["name"] = "Lucía Fernández Orozco";
        items["telephone"] = telephone;
        items["address"] = "Calle Hidalgo 57, Guanajuato";
        var client = await app.ClientWithTokenAsync();
        var registered = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "service-application", items });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/persons/search", new { email, purpose = "service.apply" })).StatusCode);
        await client.PostAsJsonAsync("/api/v1/persons/search", new { telephone, purpose = "service.apply" });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).StatusCode);
        // A caller who types personal data where a purpose belongs: refused, and the value is not carried into telemetry.
        await client.GetAsync($"/api/v1/persons/{id}?purpose={Uri.EscapeDataString(email)}");
        await client.PostAsJsonAsync("/api/v1/persons/search", new { email, purpose = items["name"] });
        var scraper = await app.ClientWithPermissionsAsync(["metrics.read"]);
        var scraped = await scraper.GetStringAsync("/metrics");
        app.Flush();

        Assert.Contains("custodian_gate_decisions", scraped, StringComparison.Ordinal);
        Assert.Contains(app.Spans, s => s.DisplayName == "gate.use");
        string[] personal = [email, "Lucía", "Fernández", "Orozco", "987 6543", "9876543", "Hidalgo", "Guanajuato", "1994-03-12", "nursing"];
        var exported = Exported();
        foreach (var value in personal)
        {
            Assert.False(exported.Contains(value, StringComparison.OrdinalIgnoreCase), $"'{value}' is in what telemetry exported");
            Assert.False(scraped.Contains(value, StringComparison.OrdinalIgnoreCase), $"'{value}' is in the /metrics scrape");
        }
    }

    [Fact]
    public async Task A_log_written_while_serving_a_request_carries_the_request_trace_id()
    {
        // The host's own request lines, which the shipped settings leave out, are one log written inside a request.
        await using var verbose = app.WithWebHostBuilder(b => b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));
        var created = await app.Service<Custodian.Staff.ApiTokens>().CreateAsync(Custodian.Gate.Actor.System, "test", ["persons.read"], []);
        var client = verbose.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.Value.Secret);
        await client.GetAsync($"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply");
        // The host ends the request's span and writes its last line after the client has the response: wait for both.
        for (var attempt = 0; attempt < 50 && !LogCarriesRequestTrace(); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(LogCarriesRequestTrace(), "no log record carries the trace id of a request span");

        bool LogCarriesRequestTrace()
        {
            TelemetryApp.Flush(verbose.Services);
            var requestTraces = app.Spans.Where(s => s.Source.Name == "Microsoft.AspNetCore").Select(s => s.TraceId).ToHashSet();
            return app.Logs.Any(l => l.TraceId != default && requestTraces.Contains(l.TraceId));
        }
    }

    [Fact]
    public async Task The_metrics_scrape_needs_metrics_read()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/metrics")).StatusCode);
        var without = await app.ClientWithPermissionsAsync(["persons.read"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await without.GetAsync("/metrics")).StatusCode);
        var with = await app.ClientWithPermissionsAsync(["metrics.read"]);
        Assert.Equal(HttpStatusCode.OK, (await with.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Scrapes_make_no_request_span_however_the_metrics_path_is_spelled()
    {
        var scraper = await app.ClientWithPermissionsAsync(["metrics.read"]);
        foreach (var path in new[] { "/metrics", "/METRICS/", "/Metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/health/live")).StatusCode);
        app.Flush();

        var requests = app.Spans.ToList().Where(s => s.Source.Name == "Microsoft.AspNetCore").ToList();
        static string Named(Activity span) => $"{span.DisplayName} {span.GetTagItem("http.route")}";
        Assert.Contains(requests, s => Named(s).Contains("/health/live", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, s => Named(s).Contains("metrics", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Everything telemetry handed over, as one text: metric names and tags, spans, log records and log lines.</summary>
    private string Exported()
    {
        var text = new StringBuilder();
        foreach (var metric in app.Metrics.ToList())
        {
            text.AppendLine(metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    text.Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                }
            }
        }

        foreach (var span in app.Spans.ToList())
        {
            text.AppendLine(span.DisplayName).AppendLine(span.OperationName).AppendLine(span.StatusDescription);
            AppendTags(text, span.TagObjects);
            AppendTags(text, span.Baggage.Select(b => new KeyValuePair<string, object?>(b.Key, b.Value)));
            foreach (var e in span.Events)
            {
                text.AppendLine(e.Name);
                AppendTags(text, e.Tags);
            }
        }

        foreach (var log in app.Logs.ToList())
        {
            text.AppendLine(log.FormattedMessage).AppendLine(log.Body).AppendLine(log.Exception?.Message);
            AppendTags(text, log.Attributes ?? []);
        }

        foreach (var line in app.Logged.Entries)
        {
            text.AppendLine(line.Message);
            AppendTags(text, line.Values);
        }

        return text.ToString();
    }

    private static void AppendTags(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            text.Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
        }
    }
}
