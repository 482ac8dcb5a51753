using System.IO.Compression;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Requests.Letters;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents.Notices;

/// <summary>
/// The letters of an incident's notices, for the office to print and post: one PDF per person told by letter, in a ZIP
/// whose file names carry a running number, not a name. Made when asked for, from the vault through the gate (each read
/// audited), so no copy of a name or an address is kept.
/// </summary>
internal sealed class NoticeLetters(
    IDbContextFactory<CustodianDb> factory, PersonGate gate, NoticeTexts texts, AuditLog audit, IOptions<IncidentsOptions> options,
    IOptions<RequestsOptions> letters)
{
    public async Task<Result<LetterFile>> BatchAsync(Actor actor, Guid incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return IncidentRegister.Unknown;
        }

        var rows = await db.Set<IncidentNotice>().AsNoTracking().Where(n => n.IncidentId == incidentId && n.Channel == NoticeChannel.Letter)
            .OrderBy(n => n.At).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return Failure.NotFound("incident.no-letters", "No person of this incident is recorded as told by letter.");
        }

        // Before anything is read through the gate: letters that cannot be rendered must not leave reads audited for them.
        if (!File.Exists(letters.Value.LetterFont))
        {
            return Failure.Unavailable("letter.font-missing", $"This installation has no font for letters: {LetterFonts.MissingHint}");
        }

        var publicNotice = await db.Set<PublicNotice>().AsNoTracking().AnyAsync(p => p.IncidentId == incidentId && p.WithdrawnAt == null, cancellationToken);
        var policyOf = await db.Set<Vault.Person>().AsNoTracking().Where(p => rows.Select(r => r.PersonId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.PolicyId, cancellationToken);
        LetterFonts.Install(letters.Value.LetterFont);
        using var zip = new MemoryStream();
        var made = 0;
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                // An erased person's letter is not made: the gate refuses them, and so does the missing policy.
                if (!policyOf.TryGetValue(row.PersonId, out var policyId) || options.Value.Notices.Purposes.GetValueOrDefault(policyId) is not { } purpose
                    || (await gate.UseAsync(actor, row.PersonId, purpose, GateUse.Read, $"{IncidentNotices.NoticeReason} {incident.Number}", cancellationToken)).Value is not { } person)
                {
                    continue;
                }

                var name = person.Items.GetValueOrDefault("name");
                var (subject, body) = texts.Render(row.Language, texts.Values(incident, policyId, row.Language, name, publicNotice));
                var pdf = new PdfLetter().Paragraph(string.Join('\n', new[] { name, person.Items.GetValueOrDefault("address") }.Where(s => !string.IsNullOrWhiteSpace(s))))
                    .Paragraph(body).Render(subject);
                made++;
                var entry = archive.CreateEntry($"incident-{incident.Number}-letter-{made:D4}.pdf", CompressionLevel.Fastest);
                await using var stream = entry.Open();
                await stream.WriteAsync(pdf, cancellationToken);
            }
        }

        await audit.RecordAsync(new AuditEntry(AuditEventType.IncidentNoticeLettersIssued, actor.AuditName, Subject: incident.Id.ToString(),
            Reason: made.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return new LetterFile($"incident-{incident.Number}-letters.zip", "application/zip", zip.ToArray());
    }
}
