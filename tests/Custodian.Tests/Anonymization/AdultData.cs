using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

/// <summary>Loads the shared Adult benchmark once; tests skip with a clear message where it is absent.</summary>
internal static class AdultData
{
    public static readonly string[] Columns =
        ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation", "salary-class"];

    private static readonly Lazy<(EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies)?> Loaded = new(Load);

    public static string? Folder()
    {
        var configured = Environment.GetEnvironmentVariable("CUSTODIAN_DATASETS");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(Path.Combine(configured, "adult")))
            return Path.Combine(configured, "adult");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "adult");
            if (File.Exists(Path.Combine(candidate, "adult.csv"))) return candidate;
        }
        return null;
    }

    public static (EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies) Get()
    {
        var data = Loaded.Value;
        // The test script names the folder: there a missing data set is a failure, never a silent skip.
        Assert.False(data is null && Environment.GetEnvironmentVariable("CUSTODIAN_DATASETS") is { Length: > 0 },
            "Adult data set not found in CUSTODIAN_DATASETS.");
        Assert.SkipWhen(data is null, "Adult data set not found: set CUSTODIAN_DATASETS to the shared datasets folder.");
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
