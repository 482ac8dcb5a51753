using Custodian.Common;
using Custodian.Requests;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Custodian.Mail;

/// <summary>Queues messages sealed in the caller's transaction, counts them, and forgets those of an erased person.</summary>
internal sealed class MailOutbox(
    IDbContextFactory<CustodianDb> factory, MailTemplates templates, MailSeal seal, IOptions<MailOptions> options, TimeProvider time)
    : IMailOutbox, IErasureParticipant
{
    public const string Role = "mail";

    public Result<Guid> Stage(CustodianDb db, OutgoingMail mail)
    {
        if (!MailAddresses.IsValid(mail.To))
        {
            return Failure.Invalid("to", "mail.address-invalid", "The recipient is not an e-mail address.");
        }

        var rendered = templates.Render(mail.Template, mail.Language, mail.Values);
        if (rendered.Failure is { } failure)
        {
            return failure;
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var (keyId, wrapped, sealedContent) = seal.Seal(id, Role, new MailContent(mail.To, rendered.Value.Subject, rendered.Value.Body), MailJson.Default.MailContent);
        db.Add(new MailOutboxEntry
        {
            Id = id, Template = mail.Template, Language = mail.Language, Kind = mail.Kind,
            PersonId = mail.PersonId, RequestId = mail.RequestId, CompanyId = mail.CompanyId,
            State = MailState.Queued, CreatedAt = now.UtcDateTime, NextAttemptAt = now.UtcDateTime,
            KeyId = keyId, WrappedKey = wrapped, Sealed = sealedContent,
        });
        return id;
    }

    public async Task<Result<Guid>> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var staged = Stage(db, mail);
        if (staged.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return staged;
    }

    public async Task<MailStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<MailOutboxEntry>().AsNoTracking().Where(m => m.State != MailState.Sent)
            .GroupBy(m => new { m.State, Failed = m.Attempts > 0 })
            .Select(g => new { g.Key.State, g.Key.Failed, Count = g.Count(), Oldest = g.Min(m => m.CreatedAt) })
            .ToListAsync(cancellationToken);
        var waiting = counts.Where(c => c.State == MailState.Queued).ToList();
        return new MailStatus(
            options.Value.Configured,
            waiting.Where(c => !c.Failed).Sum(c => c.Count),
            waiting.Where(c => c.Failed).Sum(c => c.Count),
            counts.Where(c => c.State == MailState.Dead).Sum(c => c.Count),
            waiting.Count == 0 ? null : waiting.Min(c => c.Oldest));
    }

    // In the erasure's own transaction: a message waiting for an erased person (or about one of their requests) goes
    // with them, so nothing about them is sent after the erasure answered.
    public async Task EraseAsync(CustodianDb db, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken)
    {
        var requests = db.Set<DataRequest>().Where(r => r.PersonId != null && personIds.Contains(r.PersonId.Value)).Select(r => (Guid?)r.Id);
        await db.Set<MailOutboxEntry>()
            .Where(m => (m.PersonId != null && personIds.Contains(m.PersonId.Value)) || requests.Contains(m.RequestId))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
