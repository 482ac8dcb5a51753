namespace Custodian.Vault.Keys;

/// <summary>
/// The sub-keys derived from the key-encryption key. What each protects (blind-index digests, checkpoint signatures,
/// TOTP secrets, recovery-code and status-secret hashes, cookie keys) cannot be recomputed without the values themselves,
/// so a rotation carries every one of them over unchanged into the new key file. A use not declared here is refused:
/// one that a rotation did not carry would silently change under what it protects.
/// </summary>
public static class KeyUses
{
    public const string BlindIndex = "blind-index";
    public const string AuditCheckpoint = "audit-checkpoint";
    public const string Totp = "totp";
    public const string RecoveryCodes = "recovery-codes";
    public const string RequestSecret = "request-secret";
    public const string DataProtection = "data-protection";

    // Issue 19's other parts: the chain's signed new start after pruning, the backup's anchor of the latest checkpoint
    // under data/keys/, and the erasure ledger kept there.
    public const string AuditChainStart = "audit-chain-start";
    public const string AuditAnchor = "audit-anchor";
    public const string ErasureLedger = "erasure-ledger";

    // Issue 22: the reasons recorded for each use of a catch-all purpose.
    public const string UseReasons = "use-reasons";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        BlindIndex, AuditCheckpoint, Totp, RecoveryCodes, RequestSecret, DataProtection, AuditChainStart, AuditAnchor, ErasureLedger,
        UseReasons,
    };
}
