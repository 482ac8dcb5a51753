using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Mail;

/// <summary>
/// One outbox row as the privacy office sees it: what was sent, to what kind of recipient, about which request or
/// company (by reference and name), and how delivery went. Never the address or the text.
/// </summary>
public sealed record MailRow(
    Guid Id, string Template, string Language, RecipientKind Kind, string State, int Attempts, string? LastError,
    DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? SentAt, Guid? RequestId, string? RequestReference, Guid? CompanyId, string? CompanyName, Guid? PersonId);

/// <summary>Lists the outbox and puts dead messages back in the queue.</summary>
internal sealed class MailQueue(IDbContextFactory<CustodianDb> factory, AuditLog audit, TimeProvider time)
{
    public static readonly string[] States = ["queued", "failed", "dead", "sent"];

    public async Task<IReadOnlyList<MailRow>> ListAsync(string? state, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<MailOutboxEntry>().AsNoTracking();
        rows = state switch
        {
            "queued" => rows.Where(m => m.State == MailState.Queued && m.Attempts == 0),
            "failed" => rows.Where(m => m.State == MailState.Queued && m.Attempts > 0),
            "dead" => rows.Where(m => m.State == MailState.Dead),
            "sent" => rows.Where(m => m.State == MailState.Sent),
            _ => rows,
        };
        var found = await rows.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(take, 1, 500))
            .Select(m => new
            {
                m.Id, m.Template, m.Language, m.Kind, m.State, m.Attempts, m.LastError, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.RequestId, m.CompanyId, m.PersonId,
                Reference = db.Set<DataRequest>().Where(r => r.Id == m.RequestId).Select(r => r.Reference).FirstOrDefault(),
                Company = db.Set<ClientCompany>().Where(c => c.Id == m.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return found.ConvertAll(m => new MailRow(
            m.Id, m.Template, m.Language, m.Kind, Name(m.State, m.Attempts), m.Attempts, m.LastError, m.CreatedAt,
            m.State == MailState.Queued ? m.NextAttemptAt : null, m.SentAt, m.RequestId, m.Reference, m.CompanyId, m.Company, m.PersonId));
    }

    /// <summary>Staff put a dead message back: it gets Mail:MaxAttempts more attempts, starting now.</summary>
    public async Task<Result<Guid>> RetryAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Set<MailOutboxEntry>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (entry is null)
        {
            return Failure.NotFound("mail.unknown", "No message in the outbox has this id.");
        }

        if (entry.State != MailState.Dead || entry.WrappedKey.Length == 0)
        {
            return Failure.Conflict("mail.not-dead", "Only a dead message that can still be read is put back in the queue.");
        }

        entry.State = MailState.Queued;
        entry.Attempts = 0;
        entry.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        entry.Version++;
        await audit.CommitAsync(db, [new(AuditEventType.MailRetried, actor.AuditName, PersonId: entry.PersonId, Reason: entry.LastError, Subject: id.ToString())], cancellationToken);
        return id;
    }

    private static string Name(MailState state, int attempts) => state switch
    {
        MailState.Sent => "sent",
        MailState.Dead => "dead",
        _ => attempts > 0 ? "failed" : "queued",
    };
}
