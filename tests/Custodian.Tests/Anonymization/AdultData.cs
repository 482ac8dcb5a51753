using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

/// <summary>Loads the Adult benchmark kept in the repository (datasets/adult) once.</summary>
internal static class AdultData
{
    public static readonly string[] Columns =
        ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation", "salary-class"];

    private static readonly Lazy<(EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies)?> Loaded = new(Load);

    /// <summary>The repository's datasets/adult, or CUSTODIAN_DATASETS/adult when that override is set.</summary>
    public static string? Folder()
    {
        var configured = Environment.GetEnvironmentVariable("CUSTODIAN_DATASETS");
        if (!string.IsNullOrEmpty(configured))
            return Directory.Exists(Path.Combine(configured, "adult")) ? Path.Combine(configured, "adult") : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "datasets", "adult");
            if (File.Exists(Path.Combine(candidate, "adult.csv"))) return candidate;
        }
        return null;
    }

    public static (EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies) Get()
    {
        var data = Loaded.Value;
        // The data set is part of the repository: missing, it is a failure, never a silent skip.
        Assert.True(data is not null, "Adult data set not found in the repository's datasets/adult (or CUSTODIAN_DATASETS/adult).");
        return data!.Value;
    }

    private static (EncodedTable, Dictionary<string, Hierarchy>)? Load()
    {
        var folder = Folder();
        if (folder is null) return null;
        var table = EncodedTable.ReadFile(Path.Combine(folder, "adult.csv"), ';').Value!;
        var hierarchies = Columns.ToDictionary(c => c,
            c => Hierarchy.ReadFile(c, Path.Combine(folder, $"adult_hierarchy_{c}.csv")).Value!);
        return (table, hierarchies);
    }

    public static AnonymizationSummary Run(int k, double suppression, QualityModel model)
    {
        var (table, hierarchies) = Get();
        var result = Anonymizer.Run(table, hierarchies,
            new AnonymizationOptions { QuasiIdentifiers = Columns, K = k, SuppressionLimit = suppression, Quality = model });
        Assert.True(result.Succeeded, result.Failure?.Detail);
        return result.Value!.Summary;
    }
}
