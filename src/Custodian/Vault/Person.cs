namespace Custodian.Vault;

/// <summary>A person whose data the operator holds. Their items live sealed in <see cref="Sealed"/>, never in the clear.</summary>
public sealed class Person
{
    public Guid Id { get; set; }
    public string PolicyId { get; set; } = "";
    public string PolicyVersion { get; set; } = "";
    /// <summary>The channel the data was acquired through (service application, contact form).</summary>
    public string Channel { get; set; } = "";
    public PersonState State { get; set; }
    /// <summary>Set on a request to discontinue provision to third parties: the gate refuses every later provision.</summary>
    public bool ProvisionStopped { get; set; }
    /// <summary>
    /// Purposes whose use is suspended at the person's request, comma separated and sorted; null when none. A suspension
    /// of every purpose is <see cref="PersonState.UseSuspended"/> instead, so the gate reads both without another query.
    /// </summary>
    public string? SuspendedPurposes { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The items as JSON, sealed with the person's data key; null once erased.</summary>
    public byte[]? Sealed { get; set; }
    /// <summary>Item ids held, so that which items exist can be known without decrypting.</summary>
    public string ItemIds { get; set; } = "";
    public int Version { get; set; }
}

public enum PersonState
{
    Active = 0,
    UseSuspended = 1,
    Erased = 2,
}

/// <summary>The person's data key, wrapped by the key-encryption key. Deleting it makes every copy of their items unreadable.</summary>
public sealed class PersonKey
{
    public Guid PersonId { get; set; }
    public string KeyId { get; set; } = "";
    public byte[] Wrapped { get; set; } = [];
}

/// <summary>A keyed hash (HMAC) of a normalized e-mail or phone, for equality look-ups without the value.</summary>
public sealed class BlindIndex
{
    public string Kind { get; set; } = "";
    public byte[] Digest { get; set; } = [];
    public Guid PersonId { get; set; }
}
