using System.Security.Cryptography;
using System.Text;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>Creates, lists, revokes and checks API tokens for services (<c>custodian token create|list|revoke</c>).</summary>
/// <remarks>
/// The policy store is optional so that hosts without the policy module (the command line, for now) can
/// still create and check tokens; there, a token entrusted with named purposes is refused, never unchecked.
/// </remarks>
public sealed class ApiTokens(IDbContextFactory<CustodianDb> factory, AuditLog audit, TimeProvider time, PolicyStore? policies = null)
{
    private const string Prefix = "cst_";

    public Task<Result<(ApiToken Token, string Secret)>> CreateAsync(
        Actor actor, string name, IReadOnlyList<string> permissions, IReadOnlyList<string> purposes, CancellationToken cancellationToken = default) =>
        CreateAsync(actor, name, permissions, purposes, jointUser: null, cancellationToken);

    /// <summary>As above, for the service of a joint user (<paramref name="jointUser"/>, a member of a loaded policy's joint use).</summary>
    public async Task<Result<(ApiToken Token, string Secret)>> CreateAsync(
        Actor actor, string name, IReadOnlyList<string> permissions, IReadOnlyList<string> purposes, string? jointUser, CancellationToken cancellationToken = default)
    {
        if (permissions.Count == 0)
        {
            return Failure.Invalid("permissions", "permission.required", "A token needs at least one permission: it may do only what it is given.");
        }

        if (Staff.Permissions.Check(permissions, Realm.Service, "permissions") is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            return Failure.Invalid("name", "token.name", "A token needs a name of 1 to 100 characters.");
        }

        if (policies is null && purposes.Count > 0)
        {
            return Failure.Invalid("purposes", "purpose.unchecked", "No policy is loaded here, so purposes cannot be checked: create the token without purposes, or where the policy is loaded.");
        }

        var unknown = policies is null ? null : purposes.FirstOrDefault(p => !policies.All.Values.Any(policy => policy.FindPurpose(p) is not null));
        if (unknown is not null)
        {
            return Failure.Invalid("purposes", "purpose.unknown", $"'{unknown}' is not a purpose of use in any loaded policy.");
        }

        var member = Staff.JointUsers.Check(policies, jointUser, "jointUser");
        if (member.Failure is { } notJointUser)
        {
            return notJointUser;
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name.Trim(),
            SecretHash = Hash(secret),
            Purposes = string.Join(',', purposes),
            Permissions = string.Join(',', permissions.Distinct(StringComparer.Ordinal)),
            CreatedBy = actor.Kind == ActorKind.Staff ? actor.Id : null,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            JointUser = member.Value,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(token);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ApiTokenCreated, actor.AuditName, Subject: token.Id.ToString())], cancellationToken);
        return (token, secret);
    }

    /// <summary>Every token, newest first; the secrets are not kept, so none is shown.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ApiToken>().AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Raised after a revocation or another change to a token commits, so this process reads the token anew at once; other
    /// processes within ValidatedTokens.MaxAge.
    /// </summary>
    public event Action<Guid>? Changed;

    /// <summary>Revokes a token for good. Another server that checked it moments ago may accept it for a few more seconds (see ValidatedTokens).</summary>
    public async Task<Result<ApiToken>> RevokeAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } token)
        {
            return Failure.NotFound("token.unknown", "No API token has this id.");
        }

        if (token.RevokedAt is not null)
        {
            return Failure.Conflict("token.revoked", "This API token is already revoked.");
        }

        token.RevokedAt = time.GetUtcNow().UtcDateTime;
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ApiTokenRevoked, actor.AuditName, Subject: token.Id.ToString())], cancellationToken);
        Changed?.Invoke(token.Id);
        return token;
    }

    /// <summary>
    /// The joint user (a member of a loaded policy's joint use) whose service holds the token, or null for the operator's own.
    /// The token's next request acts for it: a read by the service of a joint user abroad then leaves a transfer record.
    /// </summary>
    public async Task<Result<ApiToken>> SetJointUserAsync(Actor actor, Guid id, string? jointUser, CancellationToken cancellationToken = default)
    {
        var member = Staff.JointUsers.Check(policies, jointUser, "jointUser");
        if (member.Failure is { } unknown)
        {
            return unknown;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) is not { } token)
        {
            return Failure.NotFound("token.unknown", "No API token has this id.");
        }

        if (token.RevokedAt is not null)
        {
            return Failure.Conflict("token.revoked", "This API token is revoked.");
        }

        if (token.JointUser == member.Value)
        {
            return token;
        }

        token.JointUser = member.Value;
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ApiTokenJointUserSet, actor.AuditName, Subject: token.Id.ToString(), Reason: member.Value)], cancellationToken);
        Changed?.Invoke(token.Id);
        return token;
    }

    /// <summary>Every joint user the loaded policies name, for the console's choice.</summary>
    public IReadOnlyList<string> JointUsers() => Staff.JointUsers.Known(policies);

    public async Task<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash && t.RevokedAt == null, cancellationToken);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
