using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Staff;

public sealed record SessionView(Guid Id, string Client, DateTime CreatedAt, DateTime LastSeenAt);

/// <summary>
/// Console sessions kept on the server (policy: "prompt users who have not used for a certain period of time to
/// re-enter (re-authenticate) passwords"): a session ends after <see cref="StaffOptions.SessionIdleTimeout"/>
/// unused, after <see cref="StaffOptions.SessionLifetime"/> in any case, and when its account signs out everywhere.
/// </summary>
internal sealed class StaffSessions(IDbContextFactory<CustodianDb> factory, AuditLog audit, IOptionsMonitor<StaffOptions> options, TimeProvider time)
{
    /// <summary>Last-seen is written at most this often, so a busy session does not write on every request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public const int MaxClientLength = 120;
    public const string SignedOut = "staff.signed-out";
    public const string SignOutEverywhere = "staff.sign-out-everywhere";

    public async Task<Guid> StartAsync(Guid accountId, string? client, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Random, not time-ordered: the id is what the cookie carries.
        var session = new StaffSession { Id = Guid.NewGuid(), AccountId = accountId, Client = Shorten(client), CreatedAt = now, LastSeenAt = now };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(session);
        // The sign-in itself is the audited event (StaffSignedIn); the row is its bookkeeping.
        await db.SaveChangesAsync(cancellationToken);
        // Rows of sessions that can no longer continue only name a browser: each sign-in clears its account's old ones.
        var stale = now - options.CurrentValue.SessionLifetime;
        await db.Set<StaffSession>().Where(s => s.AccountId == accountId && s.Id != session.Id && (s.EndedAt != null || s.CreatedAt < stale))
            .ExecuteDeleteAsync(cancellationToken);
        return session.Id;
    }

    /// <summary>Whether the session may go on. One that has run out is ended here, and that is audited once.</summary>
    public async Task<bool> ContinueAsync(Guid sessionId, Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<StaffSession>().FirstOrDefaultAsync(s => s.Id == sessionId && s.AccountId == accountId, cancellationToken);
        if (session is null || session.EndedAt is not null)
        {
            return false;
        }

        if (Expiry(session, now) is { } reason)
        {
            session.EndedAt = now;
            session.EndReason = reason;
            await audit.CommitAsync(db, [new AuditEntry(AuditEventType.SessionExpired, Staff(accountId), Reason: reason, Subject: session.Id.ToString())], cancellationToken);
            return false;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>The account's sessions that are still running, newest first.</summary>
    public async Task<Result<IReadOnlyList<SessionView>>> ListAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<StaffAccount>().AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return SafeManagement.UnknownAccount;
        }

        var open = await db.Set<StaffSession>().AsNoTracking().Where(s => s.AccountId == accountId && s.EndedAt == null).ToListAsync(cancellationToken);
        return open.Where(s => Expiry(s, now) is null).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionView(s.Id, s.Client, s.CreatedAt, s.LastSeenAt)).ToList();
    }

    /// <summary>Sign-out of one session, from its own cookie.</summary>
    public async Task SignOutAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<StaffSession>().FirstOrDefaultAsync(s => s.Id == sessionId && s.AccountId == actor.Id && s.EndedAt == null, cancellationToken);
        if (session is not null)
        {
            session.EndedAt = time.GetUtcNow().UtcDateTime;
            session.EndReason = SignedOut;
        }

        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.StaffSignedOut, actor.AuditName, Subject: actor.Id.ToString())], cancellationToken);
    }

    /// <summary>Sign-out everywhere: ends every session of the account, by the account itself or an administrator.</summary>
    public async Task<Failure?> SignOutEverywhereAsync(Actor actor, Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<StaffAccount>().AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return SafeManagement.UnknownAccount;
        }

        await EndAllAsync(db, accountId, SignOutEverywhere, cancellationToken);
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.SessionsRevoked, actor.AuditName, Reason: SignOutEverywhere, Subject: accountId.ToString())], cancellationToken);
        return null;
    }

    /// <summary>Marks every open session of the account ended in <paramref name="db"/>; the caller commits with its audit event.</summary>
    public async Task EndAllAsync(CustodianDb db, Guid accountId, string reason, CancellationToken cancellationToken, Guid? except = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var session in await db.Set<StaffSession>().Where(s => s.AccountId == accountId && s.EndedAt == null && s.Id != except).ToListAsync(cancellationToken))
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }
    }

    private string? Expiry(StaffSession session, DateTime now)
    {
        var settings = options.CurrentValue;
        return now - session.CreatedAt >= settings.SessionLifetime ? "staff.session-lifetime"
            : now - session.LastSeenAt >= settings.SessionIdleTimeout ? "staff.session-idle"
            : null;
    }

    private static string Shorten(string? client) =>
        string.IsNullOrWhiteSpace(client) ? "" : client.Length <= MaxClientLength ? client : client[..MaxClientLength];

    private static string Staff(Guid accountId) => new Actor(ActorKind.Staff, accountId, "").AuditName;
}
