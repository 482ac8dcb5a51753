using System.Globalization;
using System.Text;
using Custodian.Server.Components.Language;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.StaffConsole;

/// <summary>
/// The audit viewer's CSV download. A static Blazor page cannot answer with a file, so the viewer links here with its
/// filters; the export is recorded in the log like a viewing, with the same filters.
/// </summary>
internal static class AuditExport
{
    public const string Path = "/console/audit/export";

    public static WebApplication MapAuditExport(this WebApplication app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(ConsoleSession.Policy).RequirePermission(Permissions.AuditRead).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AuditViewer viewer, CancellationToken ct)
    {
        var q = http.Request.Query;
        var filter = new AuditFilter(q["person"], q["actor"], q["type"], q["from"], q["to"], null);
        var page = await viewer.ExportAsync(http.User.ToActor(), filter, ct);
        if (!page.Succeeded)
        {
            return page.Failure!.ToProblem();
        }

        // The event in the office's words, in the console's language, beside its stable code name.
        var language = ConsoleLanguage.Of(http);
        var csv = new StringBuilder("seq,at,type,outcome,actor,actor_name,person_id,purpose,items,reason,subject,event\n");
        foreach (var e in page.Value!.Events)
        {
            var name = StaffNames.Describe(e.Actor, page.Value.StaffNames, w => w);
            csv.AppendJoin(',', [
                e.Seq.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.Type.ToString(),
                e.Outcome.ToString().ToLowerInvariant(), Cell(e.Actor), Cell(name), e.PersonId?.ToString() ?? "", Cell(e.Purpose), Cell(e.Items), Cell(e.Reason), Cell(e.Subject), Cell(AuditEventWords.Of(e.Type, language))]);
            csv.Append('\n');
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit-log.csv");
    }

    // Quoted when it must be, and a leading formula character neutralised so a spreadsheet never runs a cell.
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
