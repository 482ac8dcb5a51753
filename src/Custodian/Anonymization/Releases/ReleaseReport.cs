using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custodian.Anonymization;

/// <summary>What a release shows about itself: the five processing standards as applied, and the figures of each.</summary>
public sealed record ReleaseReport(
    Guid ReleaseId,
    string PolicyId,
    string PolicyVersion,
    DateTime CreatedAt,
    IReadOnlyList<string> Items,
    int PersonsConsidered,
    int PersonsIncluded,
    IReadOnlyDictionary<string, int> PersonsRefused,
    IReadOnlyList<ProcessingStep> Steps,
    int K,
    double SuppressionLimit,
    IReadOnlyList<int> Transformation,
    int SuppressedRows,
    int Classes,
    int MinClassSize,
    IReadOnlyDictionary<string, double> Quality,
    IReadOnlyDictionary<string, long> TimingsMs);

/// <summary>The processing method, kept apart from the released rows: parameters, transformation and hierarchies.</summary>
public sealed record MethodRecord(
    IReadOnlyList<string> Items, int K, double SuppressionLimit, string Quality, IReadOnlyList<int> Transformation,
    int TopCodeAge, int TopCodeExperienceYears, IReadOnlyDictionary<string, string> CareerCategories,
    IReadOnlyDictionary<string, IReadOnlyList<string[]>> Hierarchies);

internal static class ReleaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"A stored {typeof(T).Name} is empty.");
}
