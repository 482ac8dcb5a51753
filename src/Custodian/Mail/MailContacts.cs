using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Custodian.Mail;

/// <summary>A company's notices address as the sender reads it.</summary>
internal sealed record CompanyContact(string Address, string Language);

/// <summary>Where each client company wants its notices, sealed like the outbox (the address may be a person's own).</summary>
internal sealed class MailContacts(IDbContextFactory<CustodianDb> factory, MailSeal seal, MailTemplates templates, AuditLog audit, TimeProvider time)
{
    private const string Role = "contact";

    public async Task<Result<Guid>> SetAsync(Actor actor, Guid companyId, string? address, string? language, CancellationToken cancellationToken = default)
    {
        if (!MailAddresses.IsValid(address?.Trim()))
        {
            return Failure.Invalid("address", "mail.address-invalid", "Give the e-mail address the company reads its notices at.");
        }

        language ??= "ja";
        if (!templates.Languages.Contains(language))
        {
            return Failure.Invalid("language", "mail.language", $"One of {string.Join(", ", templates.Languages.Order(StringComparer.Ordinal))}.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<ClientCompany>().AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return Failure.NotFound("company.unknown", "No client company has this id.");
        }

        var contact = await db.Set<MailContact>().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (contact is null)
        {
            contact = new MailContact { Id = companyId };
            db.Add(contact);
        }

        (contact.KeyId, contact.WrappedKey, contact.Sealed) = seal.Seal(companyId, Role, address!.Trim(), MailJson.Default.String);
        contact.Language = language;
        contact.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new(AuditEventType.MailContactSet, actor.AuditName, Subject: companyId.ToString(), Reason: language)], cancellationToken);
        return companyId;
    }

    public async Task<CompanyContact?> OpenAsync(CustodianDb db, Guid companyId, CancellationToken cancellationToken)
    {
        var contact = await db.Set<MailContact>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        return contact is not null && seal.Open(companyId, Role, contact.KeyId, contact.WrappedKey, contact.Sealed, MailJson.Default.String) is { } address
            ? new CompanyContact(address, contact.Language)
            : null;
    }

    /// <summary>Whether the company has an address, for pages that say so (the address itself is not shown).</summary>
    public async Task<bool> HasAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<MailContact>().AnyAsync(c => c.Id == companyId, cancellationToken);
    }
}
