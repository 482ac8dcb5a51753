using Custodian.Common;
using Custodian.Storage;

namespace Custodian.Mail;

/// <summary>
/// The durable outbox every module sends mail through (docs/mail.md). Nothing is sent in the caller's request: a
/// message is a row, sealed under its own data key, that the sender delivers with retries.
/// </summary>
public interface IMailOutbox
{
    /// <summary>
    /// Adds the message to <paramref name="db"/> without saving: it commits with the caller's change, or not at all.
    /// An unknown template or a missing value is a failure and adds nothing.
    /// </summary>
    Result<Guid> Stage(CustodianDb db, OutgoingMail mail);

    /// <summary>Queues the message on its own; once this returns an id the message is stored.</summary>
    Task<Result<Guid>> EnqueueAsync(OutgoingMail mail, CancellationToken cancellationToken = default);

    /// <summary>Counts for the dashboard and readiness.</summary>
    Task<MailStatus> StatusAsync(CancellationToken cancellationToken = default);
}
