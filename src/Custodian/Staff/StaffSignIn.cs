using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>What the enrolment page shows: the secret as text for manual entry, and the URI for the QR code.</summary>
internal sealed record TotpEnrolment(string Secret, string Uri);

/// <summary>
/// Two-step sign-in for staff: password, then a TOTP code (enrolled at the first sign-in). Five failures of
/// either step lock the account for fifteen minutes (counted atomically, <see cref="SignInAttempts"/>). Every
/// failure is audited by account id, never by the typed user name, and the caller gets one generic answer whatever
/// went wrong, after the same work: an unknown name, a locked account and a wrong password each run the hasher once.
/// </summary>
internal sealed class StaffSignIn(
    IDbContextFactory<CustodianDb> factory, AuditLog audit, TotpSecrets secrets, RecoveryCodes recovery, SignInAttempts attempts,
    IPasswordHasher<StaffAccount> hasher, TimeProvider time)
{
    public const int MaxFailures = 5;
    public const string Issuer = "Custodian";
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const string Deactivated = "staff.deactivated";

    public static readonly Failure Refused =
        Failure.Refused("staff.sign-in", "The user name, password or code is not right, or the account is locked for a while.");

    // Hashing against this when the user name is unknown keeps an unknown name as slow as a wrong password.
    private string? _dummyHash;

    // Made once on first use; two requests racing to make it waste a hash, nothing more.
    private string DummyHash => _dummyHash ??= hasher.HashPassword(new StaffAccount(), Guid.NewGuid().ToString());

    /// <summary>The password step: the account's id when the password is right and the account is not locked.</summary>
    public async Task<Result<Guid>> CheckPasswordAsync(string? userName, string? password, CancellationToken cancellationToken = default)
    {
        var name = userName?.Trim() ?? "";
        password ??= "";
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = name.Length is 0 or > 64 ? null : await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.UserName == name, cancellationToken);
        if (account is null)
        {
            hasher.VerifyHashedPassword(new StaffAccount(), DummyHash, password);
            await audit.CommitAsync(db, [Failed(null, "staff.unknown")], cancellationToken);
            return Refused;
        }

        if (account.DeactivatedAt is not null)
        {
            // As slow and as worded as a wrong password: a guesser learns nothing about who has left.
            hasher.VerifyHashedPassword(new StaffAccount(), DummyHash, password);
            await audit.CommitAsync(db, [Failed(account.Id, Deactivated)], cancellationToken);
            return Refused;
        }

        var claimed = await attempts.TryClaimAsync(db, account.Id, cancellationToken);
        // Verified even when locked: a locked account answering at once would tell that it is locked.
        var verdict = Verify(account, password);
        if (!claimed)
        {
            await audit.CommitAsync(db, [Failed(account.Id, "staff.locked-out")], cancellationToken);
            return Refused;
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            await attempts.LockIfSpentAsync(db, account.Id, cancellationToken);
            await audit.CommitAsync(db, [Failed(account.Id, "staff.password")], cancellationToken);
            return Refused;
        }

        await attempts.ReleaseAsync(db, account.Id, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
            account.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await audit.CommitAsync(db, [], cancellationToken);
        }

        return account.Id;
    }

    /// <summary>The secret to enrol, made on first call and kept until a code from it is accepted.</summary>
    public async Task<Result<TotpEnrolment>> BeginEnrolmentAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Failure.NotFound("staff.unknown", "No staff account has this id.");
        }

        if (account.TotpEnrolled)
        {
            return Failure.Conflict("staff.totp-enrolled", "This account has its second factor already.");
        }

        byte[] secret;
        if (account.TotpSecret is null)
        {
            secret = Totp.NewSecret();
            account.TotpSecret = secrets.Seal(account.Id, secret);
            account.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await audit.CommitAsync(db, [], cancellationToken);
        }
        else
        {
            secret = secrets.Open(account.Id, account.TotpSecret);
        }

        return new TotpEnrolment(Base32.Encode(secret), Totp.EnrolmentUri(Issuer, account.UserName, secret));
    }

    /// <summary>
    /// Checks the code of the second step, a TOTP code or, once enrolled, a recovery code; the first accepted
    /// TOTP code also completes enrolment.
    /// </summary>
    public Task<Result<StaffAccount>> CompleteAsync(Guid accountId, string? code, CancellationToken cancellationToken = default) =>
        CheckCodeAsync(accountId, code, signingIn: true, cancellationToken);

    /// <summary>A fresh TOTP code before a sensitive change by a signed-in account; recovery codes do not count here.</summary>
    public async Task<Failure?> StepUpAsync(Guid accountId, string? code, CancellationToken cancellationToken = default) =>
        (await CheckCodeAsync(accountId, code, signingIn: false, cancellationToken)).Succeeded ? null : StepUpRefused;

    public static readonly Failure StepUpRefused = Failure.Invalid(
        "code", "staff.step-up", "The code from the authenticator app is not right (each code works once), or the account is locked for a while.");

    /// <summary>New recovery codes for a signed-in account, after a fresh TOTP code.</summary>
    public async Task<Result<string[]>> RegenerateRecoveryCodesAsync(Actor actor, string? code, CancellationToken cancellationToken = default) =>
        await StepUpAsync(actor.Id, code, cancellationToken) is { } refused ? refused : (Result<string[]>)await recovery.GenerateAsync(actor, actor.Id, cancellationToken);

    private async Task<Result<StaffAccount>> CheckCodeAsync(Guid accountId, string? code, bool signingIn, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Set<StaffAccount>().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account?.TotpSecret is null || (!signingIn && !account.TotpEnrolled))
        {
            await audit.CommitAsync(db, [Failed(account?.Id, "staff.totp-missing")], cancellationToken);
            return Refused;
        }

        if (account.DeactivatedAt is not null)
        {
            // Deactivated between the password step and this one.
            await audit.CommitAsync(db, [Failed(account.Id, Deactivated)], cancellationToken);
            return Refused;
        }

        if (!await attempts.TryClaimAsync(db, account.Id, cancellationToken))
        {
            await audit.CommitAsync(db, [Failed(account.Id, "staff.locked-out")], cancellationToken);
            return Refused;
        }

        var now = time.GetUtcNow();
        var step = Totp.Match(secrets.Open(account.Id, account.TotpSecret), code, now, account.TotpLastStep);
        var usedRecovery = step is null && signingIn && account.TotpEnrolled && await recovery.MarkUsedAsync(db, account.Id, code, now.UtcDateTime, cancellationToken);
        if (step is null && !usedRecovery)
        {
            await attempts.LockIfSpentAsync(db, account.Id, cancellationToken);
            await audit.CommitAsync(db, [Failed(account.Id, RecoveryCodes.IsShaped(code) ? "staff.recovery-code" : "staff.totp-code")], cancellationToken);
            return Refused;
        }

        var actor = new Actor(ActorKind.Staff, account.Id, account.Role).AuditName;
        var entries = new List<AuditEntry>();
        if (!account.TotpEnrolled)
        {
            account.TotpEnrolled = true;
            entries.Add(new AuditEntry(AuditEventType.TotpEnrolled, actor, Subject: account.Id.ToString()));
        }

        if (usedRecovery)
        {
            entries.Add(new AuditEntry(AuditEventType.RecoveryCodeUsed, actor, Subject: account.Id.ToString()));
        }
        else
        {
            account.TotpLastStep = step!.Value;
        }

        if (signingIn)
        {
            account.LastSignInAt = now.UtcDateTime;
            entries.Add(new AuditEntry(AuditEventType.StaffSignedIn, actor, Subject: account.Id.ToString()));
        }

        account.FailedCount = 0;
        account.LockedUntil = null;
        account.UpdatedAt = now.UtcDateTime;
        // The values read may already be 0 and null while the row holds this attempt's claim: write them regardless.
        db.Entry(account).Property(a => a.FailedCount).IsModified = true;
        db.Entry(account).Property(a => a.LockedUntil).IsModified = true;
        try
        {
            await audit.CommitAsync(db, entries, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request used this code (or a later TOTP step) first: this one is a replay.
            await audit.RecordAsync(Failed(account.Id, usedRecovery ? "staff.recovery-code-replay" : "staff.totp-replay"), cancellationToken);
            return Refused;
        }

        return account;
    }

    private PasswordVerificationResult Verify(StaffAccount account, string password)
    {
        if (password.Length <= StaffAccounts.MaxPasswordLength)
        {
            return hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        }

        // Too long to hash as typed: hash something else of the same cost, so the refusal takes as long.
        hasher.VerifyHashedPassword(account, DummyHash, "");
        return PasswordVerificationResult.Failed;
    }

    private static AuditEntry Failed(Guid? accountId, string reason) =>
        new(AuditEventType.StaffSignInFailed, Actor.System.AuditName, AuditOutcome.Refused, Reason: reason, Subject: accountId?.ToString());
}
