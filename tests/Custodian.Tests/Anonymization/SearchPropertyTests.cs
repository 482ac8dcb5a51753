using Custodian.Anonymization;
using FsCheck;
using FsCheck.Fluent;

namespace Custodian.Tests.Anonymization;

/// <summary>Properties of the optimal search on small random tables and hierarchies.</summary>
public sealed class SearchPropertyTests
{
    // Small lattices rarely put the bounds under stress, so many cases are needed to catch an unsound prune.
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(3000);
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Search_optimum_equals_brute_force_scan_of_every_lattice_node()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = RandomProblem.Create(seed);
            var scores = random.BruteForce(out _);
            var result = Anonymizer.Run(random.Table, random.Hierarchies, random.Options);
            var anonymous = scores.Where(s => !double.IsNaN(s)).ToArray();
            if (anonymous.Length == 0) return !result.Succeeded;
            var optimum = anonymous.Min();
            return result.Succeeded && Math.Abs(result.Value!.Summary.Score - optimum) <= 1e-9 * Math.Max(1, optimum);
        }).Check(Many);
    }

    [Fact]
    public void Released_table_is_k_anonymous_l_diverse_t_close_within_the_suppression_limit()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = RandomProblem.Create(seed);
            var result = Anonymizer.Run(random.Table, random.Hierarchies, random.Options);
            if (!result.Succeeded) return true;
            var writer = new StringWriter();
            result.Value!.Write(writer, ';');
            return ReleasedTable.Satisfies(writer.ToString(), random.Options, random.Table.RowCount);
        }).Check(Runs);
    }
}

/// <summary>Checks a written release from its text alone, independently of the engine's own bookkeeping.</summary>
internal static class ReleasedTable
{
    public static bool Satisfies(string csv, AnonymizationOptions options, int rows)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var qi = options.QuasiIdentifiers.Select(q => Array.IndexOf(header, q)).ToArray();
        var sensitive = Array.IndexOf(header, "s");
        var records = lines.Skip(1).Select(l => l.Split(';')).ToArray();
        if (records.Length != rows) return false;
        var suppressed = records.Where(r => qi.All(i => r[i] == "*")).ToArray();
        var released = records.Except(suppressed).GroupBy(r => string.Join('|', qi.Select(i => r[i]))).ToArray();
        // A release with every QI at '*' looks suppressed; it is one class, judged as such below.
        var classes = suppressed.Length > 0 && released.Length == 0 && options.SuppressionLimit * rows < suppressed.Length
            ? [.. suppressed.GroupBy(_ => "*")] : released;
        var hidden = classes == released ? suppressed.Length : 0;
        if (hidden > Math.Floor(options.SuppressionLimit * rows)) return false;
        var global = records.GroupBy(r => r[sensitive]).ToDictionary(g => g.Key, g => (double)g.Count() / rows);
        foreach (var group in classes)
        {
            var members = group.ToArray();
            if (members.Length < options.K) return false;
            var counts = members.GroupBy(r => r[sensitive]).Select(g => (double)g.Count()).ToArray();
            if (options.L is { } l)
            {
                if (options.LKind == DiversityKind.Distinct && counts.Length < l) return false;
                var entropy = -counts.Sum(c => c / members.Length * Math.Log2(c / members.Length));
                if (options.LKind == DiversityKind.Entropy && entropy < Math.Log2(l) - 1e-9) return false;
            }
            if (options.T is { } t)
            {
                var distance = global.Sum(g => Math.Abs(members.Count(r => r[sensitive] == g.Key) / (double)members.Length - g.Value)) / 2;
                if (distance > t + 1e-9) return false;
            }
        }
        return true;
    }
}
