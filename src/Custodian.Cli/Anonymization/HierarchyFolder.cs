using Custodian.Anonymization;
using Custodian.Common;

namespace Custodian.Cli.Anonymization;

/// <summary>Finds one hierarchy per quasi-identifier: <c>&lt;column&gt;.csv</c> or <c>&lt;anything&gt;_hierarchy_&lt;column&gt;.csv</c>.</summary>
internal static class HierarchyFolder
{
    public static Result<IReadOnlyDictionary<string, Hierarchy>> Load(string folder, IEnumerable<string> columns)
    {
        if (!Directory.Exists(folder))
            return Failure.Invalid("hierarchies", "anonymize.no_folder", $"Hierarchy folder '{folder}' does not exist.");
        var files = Directory.GetFiles(folder, "*.csv");
        var result = new Dictionary<string, Hierarchy>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var matches = files.Where(f =>
            {
                var name = Path.GetFileName(f);
                return name == column + ".csv" || name.EndsWith("_hierarchy_" + column + ".csv", StringComparison.Ordinal);
            }).ToArray();
            if (matches.Length == 0)
                return Failure.Invalid("hierarchies", "anonymize.no_hierarchy",
                    $"No hierarchy for '{column}' in '{folder}' (expected {column}.csv or *_hierarchy_{column}.csv).");
            if (matches.Length > 1)
                return Failure.Invalid("hierarchies", "anonymize.ambiguous_hierarchy",
                    $"More than one hierarchy file for '{column}' in '{folder}'.");
            var hierarchy = Hierarchy.ReadFile(column, matches[0]);
            if (!hierarchy.Succeeded) return hierarchy.Failure!;
            result[column] = hierarchy.Value!;
        }
        return result;
    }
}
