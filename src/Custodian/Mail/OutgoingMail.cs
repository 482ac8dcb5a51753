namespace Custodian.Mail;

/// <summary>Who a message is for, as staff see it in the outbox (the address itself is sealed).</summary>
public enum RecipientKind
{
    /// <summary>Someone who made a request, at the address they gave on the form.</summary>
    Requester = 0,
    /// <summary>The privacy office or another staff mailbox.</summary>
    Staff = 1,
    /// <summary>A client company's notices address.</summary>
    Company = 2,
    /// <summary>A person registered in the vault (e.g. an incident notice).</summary>
    Person = 3,
    /// <summary>An authority or another outside recipient.</summary>
    Other = 4,
}

/// <summary>
/// A message to queue: a template of <c>policies/letters/mail/{language}.yaml</c>, filled with <paramref name="Values"/>.
/// The links say whose message it is: erasing <paramref name="PersonId"/> (or the person of <paramref name="RequestId"/>)
/// deletes it while it waits. Values must not carry more personal data than the message needs: they are sealed, never logged.
/// </summary>
public sealed record OutgoingMail(
    string Template,
    string Language,
    string To,
    RecipientKind Kind,
    IReadOnlyDictionary<string, string> Values,
    Guid? PersonId = null,
    Guid? RequestId = null,
    Guid? CompanyId = null);

/// <summary>What waits and what went wrong: <paramref name="Failed"/> are waiting after at least one failed attempt; <paramref name="Dead"/> gave up.</summary>
public sealed record MailStatus(bool Configured, int Queued, int Failed, int Dead, DateTime? OldestQueuedAt);
