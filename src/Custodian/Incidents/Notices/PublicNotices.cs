using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents.Notices;

/// <summary>A public notice as the privacy centre shows it: the incident's number, dates and the texts, nothing else.</summary>
public sealed record PublishedNotice(int Number, DateTime PublishedAt, DateTime UpdatedAt, DateTime? WithdrawnAt, IReadOnlyDictionary<string, string> Texts);

/// <summary>
/// Public notices (公表, Enforcement Rule Art. 10's alternative when telling each person is difficult): the office writes a
/// text per language and it appears on the privacy centre under the incident's number until withdrawn. Publishing,
/// changing and withdrawing are on the incident's timeline and audited with the languages only.
/// </summary>
internal sealed class PublicNotices(IDbContextFactory<CustodianDb> factory, IncidentRegister register, AuditLog audit, TimeProvider time)
{
    public const int MaxText = 20_000;

    public static readonly IReadOnlyList<string> Languages = ["ja", "en", "es"];

    public async Task<Result<PublishedNotice>> PublishAsync(Actor actor, Guid incidentId, IReadOnlyDictionary<string, string?> texts, CancellationToken cancellationToken = default)
    {
        var clean = Languages.ToDictionary(l => l, l => texts.GetValueOrDefault(l)?.Trim() is { Length: > 0 } t ? t : null, StringComparer.Ordinal);
        if (clean.FirstOrDefault(t => t.Value?.Length > MaxText) is { Value: not null } tooLong)
        {
            return Failure.Invalid(tooLong.Key, "incident.notice-text", $"At most {MaxText} characters.");
        }

        if (clean.Values.All(t => t is null))
        {
            return Failure.Invalid("ja", "incident.notice-text", "Give the notice's text in at least one of ja, en, es.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return IncidentRegister.Unknown;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var notice = await db.Set<PublicNotice>().FirstOrDefaultAsync(p => p.IncidentId == incidentId, cancellationToken);
        if (notice is null)
        {
            notice = new PublicNotice { IncidentId = incidentId, PublishedAt = now };
            db.Add(notice);
        }
        else if (!notice.InForce)
        {
            notice.PublishedAt = now;
        }

        (notice.TextJa, notice.TextEn, notice.TextEs, notice.UpdatedAt, notice.WithdrawnAt) = (clean["ja"], clean["en"], clean["es"], now, null);
        var languages = string.Join(',', notice.Languages);
        await audit.CommitAsync(db, [register.Record(db, incident, actor, "notice-published", languages, AuditEventType.IncidentNoticePublished, languages)], cancellationToken);
        return View(incident.Number, notice);
    }

    public async Task<Result<PublishedNotice>> WithdrawAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return IncidentRegister.Unknown;
        }

        if (await db.Set<PublicNotice>().FirstOrDefaultAsync(p => p.IncidentId == incidentId && p.WithdrawnAt == null, cancellationToken) is not { } notice)
        {
            return Failure.NotFound("incident.no-public-notice", "This incident has no public notice in force.");
        }

        notice.WithdrawnAt = notice.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [register.Record(db, incident, actor, "notice-withdrawn", null, AuditEventType.IncidentNoticeWithdrawn, null)], cancellationToken);
        return View(incident.Number, notice);
    }

    /// <summary>The incident's public notice, in force or withdrawn; null when none was ever published.</summary>
    public async Task<PublishedNotice?> OfIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await (from p in db.Set<PublicNotice>().AsNoTracking()
                      join i in db.Set<Incident>().AsNoTracking() on p.IncidentId equals i.Id
                      where p.IncidentId == incidentId
                      select new { i.Number, Notice = p }).FirstOrDefaultAsync(cancellationToken) is { } found
            ? View(found.Number, found.Notice)
            : null;
    }

    /// <summary>The notices in force, newest first, for the privacy centre; <paramref name="number"/> picks one incident.</summary>
    public async Task<IReadOnlyList<PublishedNotice>> InForceAsync(int? number = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (from p in db.Set<PublicNotice>().AsNoTracking()
                          join i in db.Set<Incident>().AsNoTracking() on p.IncidentId equals i.Id
                          where p.WithdrawnAt == null && (number == null || i.Number == number)
                          orderby p.PublishedAt descending
                          select new { i.Number, Notice = p }).Take(100).ToListAsync(cancellationToken);
        return [.. rows.Select(r => View(r.Number, r.Notice))];
    }

    private static PublishedNotice View(int number, PublicNotice notice) =>
        new(number, notice.PublishedAt, notice.UpdatedAt, notice.WithdrawnAt, notice.Languages.ToDictionary(l => l, l => notice.Text(l)!, StringComparer.Ordinal));
}
