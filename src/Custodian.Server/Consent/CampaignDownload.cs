using Custodian.Staff;
using System.Globalization;
using System.Text;
using Custodian.Common;
using Custodian.Consent;
using Custodian.Provision;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Microsoft.AspNetCore.Antiforgery;

namespace Custodian.Server.Consent;

/// <summary>
/// The console's campaign export as a CSV file. A static Blazor page cannot answer with a file, so the download form of
/// /console/provision/campaign posts here; it goes through the API's <see cref="ConsentChoices.CampaignAsync"/>, so
/// every person passes the gate and the export is audited.
/// </summary>
internal static class CampaignDownload
{
    public const string Path = "/console/provision/campaign/export";

    public static WebApplication MapCampaignDownload(this WebApplication app)
    {
        // The doors of the provision console pages: a console session (a bearer token does not open it) that may manage provision.
        app.MapPost(Path, DownloadAsync).RequireAuthorization(ConsoleSession.Policy).RequirePermission(Permissions.ConsentManage).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, IAntiforgery antiforgery, ConsentChoices choices, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Problems.AntiforgeryRefused();
        }

        var purpose = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct))["purpose"].ToString() : null;
        var contacts = await choices.CampaignAsync(http.User.ToActor(), purpose, ct);
        if (!contacts.Succeeded)
        {
            // Only a hand-made post gets here: the page refuses the same purposes before it offers the download.
            return contacts.Failure!.ToProblem();
        }

        var chosen = choices.CampaignPurpose(purpose).Value!;
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await CampaignCsv.WriteAsync(chosen, contacts.Value!, writer, ct);
        return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", $"campaign-{chosen.Id}.csv");
    }
}
