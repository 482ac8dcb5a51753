using BenchmarkDotNet.Attributes;
using Custodian.Anonymization;

namespace Custodian.Benchmarks.Anonymization;

/// <summary>
/// Optimal k-anonymity on Adult against ARX 3.9.2's figures (datasets/adult/README.md), and the same
/// search on Adult replicated 30 times (generated in a temporary folder, never committed).
/// Run: <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- --filter '*Anonymization*'</c>.
/// </summary>
[MemoryDiagnoser]
public class AnonymizationBenchmarks
{
    private static readonly string[] Columns =
        ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation", "salary-class"];

    private EncodedTable _adult = null!;
    private Dictionary<string, Hierarchy> _hierarchies = null!;
    private string _scaled = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = DatasetFolder();
        _adult = EncodedTable.ReadFile(Path.Combine(folder, "adult.csv"), ';').Value!;
        _hierarchies = Columns.ToDictionary(c => c,
            c => Hierarchy.ReadFile(c, Path.Combine(folder, $"adult_hierarchy_{c}.csv")).Value!);
        _scaled = Path.Combine(Path.GetTempPath(), $"adult-x30-{Environment.ProcessId}.csv");
        var lines = File.ReadAllLines(Path.Combine(folder, "adult.csv"));
        using var writer = new StreamWriter(_scaled);
        writer.WriteLine(lines[0]);
        for (var copy = 0; copy < 30; copy++)
            foreach (var line in lines.Skip(1)) writer.WriteLine(line);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_scaled);

    [Benchmark(Description = "Adult case A: k=5, 0%, Loss")]
    public AnonymizationSummary CaseA() => Run(_adult, 5, 0, QualityModel.Loss);

    [Benchmark(Description = "Adult case C: k=5, 5%, Loss", Baseline = true)]
    public AnonymizationSummary CaseC() => Run(_adult, 5, 0.05, QualityModel.Loss);

    [Benchmark(Description = "Adult case D: k=5, 0%, discernibility")]
    public AnonymizationSummary CaseD() => Run(_adult, 5, 0, QualityModel.Discernibility);

    [Benchmark(Description = "Adult k=5, 4%, non-uniform entropy")]
    public AnonymizationSummary Entropy() => Run(_adult, 5, 0.04, QualityModel.Entropy);

    [Benchmark(Description = "Adult x30 (905k rows): read + case C")]
    public AnonymizationSummary ScaledCaseC() =>
        Run(EncodedTable.ReadFile(_scaled, ';').Value!, 5, 0.05, QualityModel.Loss);

    private AnonymizationSummary Run(EncodedTable table, int k, double suppression, QualityModel model) =>
        Anonymizer.Run(table, _hierarchies, new AnonymizationOptions
        {
            QuasiIdentifiers = Columns, K = k, SuppressionLimit = suppression, Quality = model,
        }).Value!.Summary;

    private static string DatasetFolder()
    {
        var configured = Environment.GetEnvironmentVariable("CUSTODIAN_DATASETS");
        if (!string.IsNullOrEmpty(configured)) return Path.Combine(configured, "adult");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "datasets", "adult");
            if (File.Exists(Path.Combine(candidate, "adult.csv"))) return candidate;
        }
        throw new DirectoryNotFoundException("Adult not found: expected the repository's datasets/adult (or set CUSTODIAN_DATASETS).");
    }
}
