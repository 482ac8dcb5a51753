using Custodian.Common;
namespace Custodian.Consent;

/// <summary>One line of the append-only consent ledger: a person gave or withdrew consent to a purpose.</summary>
public sealed class ConsentRecord
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Purpose { get; set; } = "";
    public bool Given { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>Where the choice was made: service-application, contact-form, privacy-centre, staff, entry.</summary>
    public string Channel { get; set; } = "";
    /// <summary>SHA-256 of the text the person was shown, as evidence of what they agreed to.</summary>
    public string? EvidenceHash { get; set; }
    /// <summary>The address the choice came from with its host part cleared, so it proves the network, not the person.</summary>
    public string? AnonymizedIp { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>What and where the evidence of a choice told to staff is: a signed form's number, a call recording's id.</summary>
    public string? EvidenceReference { get; set; }
    public DateTime At { get; set; }
}

/// <summary>What shows how a choice was made; every part is optional because a choice told to staff has none of them.</summary>
public sealed record ConsentEvidence(string Channel, string? TextHash = null, string? AnonymizedIp = null, string? UserAgent = null, string? Reference = null)
{
    public const int MaxUserAgent = 256;
    public const int MaxReference = 200;

    /// <summary>
    /// A choice told to staff leaves no trace of its own, so it needs a reference to its evidence (3–200 printable
    /// characters); on other channels a reference is optional but checked the same way.
    /// </summary>
    public Failure? CheckReference()
    {
        var reference = Reference?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            return Channel == "staff"
                ? Failure.Invalid("evidence.reference", "consent.evidence-required", "Say what and where the evidence of the consent is (a signed form's number, a recording's id).")
                : null;
        }

        return reference.Length is < 3 or > MaxReference || reference.Any(char.IsControl)
            ? Failure.Invalid("evidence.reference", "consent.evidence-reference", $"The evidence reference is 3 to {MaxReference} printable characters.")
            : null;
    }

    /// <summary>Keeps the network only: an IPv4 address loses its last octet, an IPv6 address everything after /48.</summary>
    public static string? Anonymize(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return new System.Net.IPAddress(bytes).ToString();
    }

    public static string? TrimUserAgent(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) ? null : userAgent.Length <= MaxUserAgent ? userAgent : userAgent[..MaxUserAgent];

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
