using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Provision;

/// <summary>User Companies: their profile, their contract on the handling of personal data, and their console users.</summary>
internal sealed class ClientCompanyRegistry(IDbContextFactory<CustodianDb> factory, AuditLog audit, TimeProvider time)
{
    private const int MaxText = 200;

    public async Task<Result<ClientCompany>> RegisterAsync(Actor actor, string? name, string? industry, string? country, CancellationToken cancellationToken = default)
    {
        if ((Text("name", name) ?? Text("industry", industry) ?? CountryRule(country)) is { } failure)
        {
            return failure;
        }

        var code = Countries.Find(country)!.Code;

        var now = time.GetUtcNow();
        var company = new ClientCompany
        {
            Id = Guid.CreateVersion7(now),
            Name = name!.Trim(),
            Industry = industry!.Trim(),
            Country = code,
            CreatedAt = now.UtcDateTime,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(company);
        await audit.CommitAsync(db, [new(AuditEventType.ClientCompanyRegistered, actor.AuditName, Subject: company.Id.ToString())], cancellationToken);
        return company;
    }

    /// <summary>Corrects a company's name, industry or country; the audit event names the fields changed, never their values.</summary>
    public async Task<Result<ClientCompany>> UpdateAsync(Actor actor, Guid companyId, string? name, string? industry, string? country, CancellationToken cancellationToken = default)
    {
        if ((Text("name", name) ?? Text("industry", industry) ?? CountryRule(country)) is { } failure)
        {
            return failure;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var company = await db.Set<ClientCompany>().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return UnknownCompany;
        }

        var (newName, newIndustry, code) = (name!.Trim(), industry!.Trim(), Countries.Find(country)!.Code);
        var changed = new[] { ("name", company.Name != newName), ("industry", company.Industry != newIndustry), ("country", company.Country != code) }
            .Where(f => f.Item2).Select(f => f.Item1).ToList();
        if (changed.Count == 0)
        {
            return company;
        }

        (company.Name, company.Industry, company.Country) = (newName, newIndustry, code);
        await audit.CommitAsync(db, [new(AuditEventType.ClientCompanyUpdated, actor.AuditName, Items: string.Join(',', changed), Subject: company.Id.ToString())], cancellationToken);
        return company;
    }

    /// <summary>Records the contract on the handling of personal data; provision is refused outside its dates.</summary>
    public Task<Result<ClientCompany>> RecordContractAsync(Actor actor, Guid companyId, DateOnly? signedOn, string? document, DateOnly? expiresOn, CancellationToken cancellationToken = default)
    {
        if (signedOn is null)
        {
            return Task.FromResult<Result<ClientCompany>>(Failure.Invalid("signedOn", "required", "signedOn is required."));
        }

        if (expiresOn is null || expiresOn <= signedOn)
        {
            return Task.FromResult<Result<ClientCompany>>(Failure.Invalid("expiresOn", "contract.expiry", "A contract needs an expiry after the day it was signed."));
        }

        return ChangeAsync(actor, companyId, Text("document", document), AuditEventType.ClientCompanyContractRecorded, c =>
        {
            c.ContractSignedAt = Instant(signedOn.Value);
            c.ContractDocument = document!.Trim();
            c.ContractExpiresAt = Instant(expiresOn.Value);
        }, cancellationToken);
    }

    /// <summary>A company abroad agrees to manage the data "with the same degree of care"; without it, nothing is provided abroad.</summary>
    public Task<Result<ClientCompany>> RecordSameCareAsync(Actor actor, Guid companyId, DateOnly? agreedOn, string? document, CancellationToken cancellationToken = default) =>
        agreedOn is null
            ? Task.FromResult<Result<ClientCompany>>(Failure.Invalid("agreedOn", "required", "agreedOn is required."))
            : ChangeAsync(actor, companyId, Text("document", document), AuditEventType.ClientCompanySameCareRecorded, c =>
            {
                c.SameCareAgreedAt = Instant(agreedOn.Value);
                c.SameCareDocument = document!.Trim();
            }, cancellationToken);

    /// <summary>Makes a console account the company's: from then on it sees only what was provided to that company.</summary>
    public async Task<Result<Guid>> LinkUserAsync(Actor actor, Guid companyId, Guid staffAccountId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<ClientCompany>().AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            return UnknownCompany;
        }

        if (await db.Set<CompanyUser>().AnyAsync(u => u.StaffAccountId == staffAccountId, cancellationToken))
        {
            return Failure.Conflict("company-user.linked", "This account already belongs to a client company.");
        }

        db.Add(new CompanyUser { StaffAccountId = staffAccountId, CompanyId = companyId });
        await audit.CommitAsync(db, [new(AuditEventType.CompanyUserLinked, actor.AuditName, Subject: $"{companyId}:{staffAccountId}")], cancellationToken);
        return companyId;
    }

    public async Task<ClientCompany?> FindAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ClientCompany>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
    }

    public async Task<List<ClientCompany>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ClientCompany>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The company a console account belongs to, or null for the operator's own staff.</summary>
    public async Task<Guid?> CompanyOfAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await CompanyOfAsync(db, actor, cancellationToken);
    }

    public static async Task<Guid?> CompanyOfAsync(CustodianDb db, Actor actor, CancellationToken cancellationToken) =>
        actor.Kind != ActorKind.Staff
            ? null
            : await db.Set<CompanyUser>().AsNoTracking().Where(u => u.StaffAccountId == actor.Id).Select(u => (Guid?)u.CompanyId).FirstOrDefaultAsync(cancellationToken);

    public static readonly Failure UnknownCompany = Failure.NotFound("company.unknown", "No client company has this id.");

    private async Task<Result<ClientCompany>> ChangeAsync(
        Actor actor, Guid companyId, Failure? invalid, AuditEventType type, Action<ClientCompany> change, CancellationToken cancellationToken)
    {
        if (invalid is not null)
        {
            return invalid;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var company = await db.Set<ClientCompany>().FirstOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return UnknownCompany;
        }

        change(company);
        await audit.CommitAsync(db, [new(type, actor.AuditName, Subject: company.Id.ToString())], cancellationToken);
        return company;
    }

    private static DateTime Instant(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static Failure? Text(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxText
            ? Failure.Invalid(field, "text.length", $"{field} needs 1 to {MaxText} characters.")
            : null;

    private static Failure? CountryRule(string? country) =>
        Countries.Find(country) is not null
            ? null
            : Failure.Invalid("country", "country.iso", "country is an ISO 3166 country: its alpha-2 code (MX, JP) or its name (Mexico, Japan).");
}
