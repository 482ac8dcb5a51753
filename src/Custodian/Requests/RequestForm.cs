using System.Text.Json.Serialization;

namespace Custodian.Requests;

/// <summary>
/// The Disclosure Request Form: what the requester writes in it. Sealed with the request's key and disposed of
/// a configured period after the procedure ends.
/// </summary>
public sealed record RequestForm
{
    public required string PersonName { get; init; }
    /// <summary>The e-mail address the person registered with, used once to find them in the vault.</summary>
    public string? Email { get; init; }
    /// <summary>The address the person designates for the written response.</summary>
    public required string MailingAddress { get; init; }
    public string? RepresentativeName { get; init; }
    /// <summary>Correction and addition: item id → new value; deletion of contents: the item ids to delete (value ignored).</summary>
    public IReadOnlyDictionary<string, string>? Changes { get; init; }
    public string? Details { get; init; }
    /// <summary>Suspension of use: the purposes (policy ids) whose use the person asks to suspend; none means every purpose.</summary>
    public IReadOnlyList<string>? Purposes { get; init; }
    /// <summary>The explanation sent with a refusal, written by staff.</summary>
    public string? RefusalExplanation { get; init; }
}

[JsonSerializable(typeof(RequestForm))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class RequestJson : JsonSerializerContext;
