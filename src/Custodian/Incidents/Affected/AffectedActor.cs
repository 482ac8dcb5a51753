using Custodian.Common;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents.Affected;

/// <summary>
/// The actor an incident concerns, and the names the audit chain knows it by: a staff account (<c>staff:ID</c>), an API
/// token (<c>token:ID</c>), a consignee, whose credential is a token (<c>consignee:ID</c>), or a client company, whose
/// console accounts act as staff (<c>company:ID</c>: every account linked to it).
/// </summary>
internal sealed record AffectedActor(string Id, IReadOnlyList<string> AuditNames)
{
    private static readonly Failure Malformed = Failure.Invalid(
        "actor", "actor.format", "The actor is staff:ID, token:ID, consignee:ID or company:ID, with the account's, token's, consignee's or company's id.");

    private static readonly Failure Unknown = Failure.Invalid("actor", "actor.unknown", "No staff account, token, consignee or client company has this id.");

    public static async Task<Result<AffectedActor>> ResolveAsync(CustodianDb db, string? actor, CancellationToken cancellationToken)
    {
        var parts = (actor ?? "").Trim().Split(':', 2);
        if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id))
        {
            return Malformed;
        }

        var kind = parts[0].ToLowerInvariant();
        if (kind is not ("staff" or "token" or "consignee" or "company"))
        {
            return Malformed;
        }

        var name = $"{kind}:{id}";
        IReadOnlyList<string>? names = kind switch
        {
            "staff" => await db.Set<StaffAccount>().AnyAsync(a => a.Id == id, cancellationToken) ? [name] : null,
            "token" => await db.Set<ApiToken>().AnyAsync(t => t.Id == id, cancellationToken) ? [name] : null,
            "consignee" => await db.Set<Consignee>().Where(c => c.Id == id).Select(c => new { c.TokenId }).FirstOrDefaultAsync(cancellationToken) is { } c
                ? c.TokenId is { } token ? [$"token:{token}"] : []
                : null,
            "company" => await db.Set<ClientCompany>().AnyAsync(c => c.Id == id, cancellationToken)
                ? (await db.Set<CompanyUser>().Where(u => u.CompanyId == id).Select(u => u.StaffAccountId).ToListAsync(cancellationToken))
                    .Select(a => $"staff:{a}").Order(StringComparer.Ordinal).ToList()
                : null,
            _ => null,
        };

        return names is null ? Unknown : new AffectedActor(name, names);
    }
}
