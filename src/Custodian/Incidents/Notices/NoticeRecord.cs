using Custodian.Incidents.Reports;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents.Notices;

/// <summary>What the notices table says about one incident, for the API, the console and the report drafts.</summary>
internal static class NoticeRecord
{
    public static readonly IReadOnlyDictionary<string, NoticeChannel> Channels = new Dictionary<string, NoticeChannel>(StringComparer.Ordinal)
    {
        ["email"] = NoticeChannel.Email,
        ["letter"] = NoticeChannel.Letter,
        ["public"] = NoticeChannel.Public,
    };

    public static string Name(this NoticeChannel channel) => channel.ToString().ToLowerInvariant();

    public static async Task<List<IncidentNotice>> ListAsync(CustodianDb db, Guid incidentId, CancellationToken cancellationToken) =>
        await db.Set<IncidentNotice>().AsNoTracking().Where(n => n.IncidentId == incidentId).OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(cancellationToken);

    /// <summary>Rule 8 items 6 and 7: how many were told, by which channel, from when to when; when the public notice went up.</summary>
    public static async Task<NoticeFacts> FactsAsync(CustodianDb db, Guid incidentId, CancellationToken cancellationToken)
    {
        var byChannel = await db.Set<IncidentNotice>().AsNoTracking().Where(n => n.IncidentId == incidentId)
            .GroupBy(n => n.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count(), First = g.Min(n => n.At), Last = g.Max(n => n.At) })
            .ToListAsync(cancellationToken);
        var published = await db.Set<PublicNotice>().AsNoTracking().Where(p => p.IncidentId == incidentId).Select(p => (DateTime?)p.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        return new NoticeFacts(
            byChannel.Sum(c => c.Count),
            byChannel.Count == 0 ? null : byChannel.Min(c => c.First),
            byChannel.Count == 0 ? null : byChannel.Max(c => c.Last),
            published,
            byChannel.ToDictionary(c => c.Channel, c => c.Count));
    }
}
