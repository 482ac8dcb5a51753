using System.Security.Cryptography;
using System.Text;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>
/// Recovery codes for the second step: ten at a time, shown once, each usable once instead of a TOTP code.
/// Stored as HMAC-SHA256 under a sub-key of the key provider and bound to the account, so a copy of the
/// database alone cannot be searched for the 50-bit codes.
/// </summary>
internal sealed class RecoveryCodes(IDbContextFactory<CustodianDb> factory, AuditLog audit, IKeyProvider keys, TimeProvider time)
{
    public const int Count = 10;
    private const int Length = 10;
    private readonly Lazy<byte[]> _key = new(() => keys.DeriveKey("recovery-codes"));

    /// <summary>Replaces the account's codes with new ones; the caller shows them this once.</summary>
    public async Task<string[]> GenerateAsync(Actor actor, Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var codes = Enumerable.Range(0, Count).Select(_ => Base32.Encode(RandomNumberGenerator.GetBytes(7))[..Length].ToLowerInvariant()).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await RemoveAllAsync(db, accountId, cancellationToken);
        db.AddRange(codes.Select(c => new StaffRecoveryCode { Id = Guid.CreateVersion7(now), AccountId = accountId, Hash = Hash(accountId, c), CreatedAt = now.UtcDateTime }));
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.RecoveryCodesGenerated, actor.AuditName, Subject: accountId.ToString())], cancellationToken);
        return [.. codes.Select(c => c[..5] + "-" + c[5..])];
    }

    public async Task<int> RemainingAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<StaffRecoveryCode>().CountAsync(c => c.AccountId == accountId && c.UsedAt == null, cancellationToken);
    }

    /// <summary>Whether <paramref name="code"/> has the shape of a recovery code rather than of a TOTP code.</summary>
    public static bool IsShaped(string? code) => Normalize(code) is not null;

    /// <summary>
    /// Marks the matching unused code used in <paramref name="db"/>, for the caller to commit with its audit event;
    /// false when none matches. A second use racing this one fails on the concurrency token.
    /// </summary>
    public async Task<bool> MarkUsedAsync(CustodianDb db, Guid accountId, string? code, DateTime now, CancellationToken cancellationToken)
    {
        if (Normalize(code) is not { } typed)
        {
            return false;
        }

        var hash = Hash(accountId, typed);
        var row = await db.Set<StaffRecoveryCode>().FirstOrDefaultAsync(c => c.AccountId == accountId && c.Hash == hash && c.UsedAt == null, cancellationToken);
        if (row is null)
        {
            return false;
        }

        row.UsedAt = now;
        return true;
    }

    public async Task RemoveAllAsync(CustodianDb db, Guid accountId, CancellationToken cancellationToken) =>
        db.RemoveRange(await db.Set<StaffRecoveryCode>().Where(c => c.AccountId == accountId).ToListAsync(cancellationToken));

    private byte[] Hash(Guid accountId, string normalized) =>
        HMACSHA256.HashData(_key.Value, (byte[])[.. accountId.ToByteArray(bigEndian: true), .. Encoding.ASCII.GetBytes(normalized)]);

    // People copy codes with the dash, with spaces or in capitals; all of those are the same code.
    private static string? Normalize(string? code)
    {
        var typed = (code ?? "").Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return typed.Length == Length && Base32.Decode(typed) is not null ? typed : null;
    }
}
