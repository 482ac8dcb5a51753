using System.Diagnostics;
using OpenTelemetry;

namespace Custodian.Server.Telemetry;

/// <summary>
/// Keeps only span attributes known to carry no personal data, whatever an instrumentation adds in a later version: the
/// path and query (a person's id, a request's reference), the user agent, the client's address, the database's user and
/// connection string are dropped; the route template stays. An error's description (an exception message can quote a
/// value) is dropped too; its status stays.
/// </summary>
internal sealed class SpanAttributeAllowList : BaseProcessor<Activity>
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "http.request.method", "http.route", "http.response.status_code", "url.scheme", "network.protocol.version", "error.type",
        "db.system", "db.system.name", "db.namespace", "db.name", "db.operation.name", "db.statement", "db.query.text",
        "otel.status_code",
    };

    public override void OnEnd(Activity data)
    {
        List<string>? drop = null;
        foreach (var tag in data.TagObjects)
        {
            if (!Allowed.Contains(tag.Key) && !tag.Key.StartsWith("custodian.", StringComparison.Ordinal))
            {
                (drop ??= []).Add(tag.Key);
            }
        }

        drop?.ForEach(key => data.SetTag(key, null));
        if (data.StatusDescription is not null)
        {
            data.SetStatus(data.Status);
        }
    }
}
