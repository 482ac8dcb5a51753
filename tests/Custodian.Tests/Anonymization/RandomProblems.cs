using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

/// <summary>Small random tables with random tree-shaped hierarchies, for property tests against brute force.</summary>
internal sealed record RandomProblem(EncodedTable Table, Dictionary<string, Hierarchy> Hierarchies, AnonymizationOptions Options)
{
    public static RandomProblem Create(int seed)
    {
        var random = new Random(seed);
        var dims = random.Next(1, 6);
        var rows = random.Next(1, 150);
        var names = Enumerable.Range(0, dims).Select(d => $"q{d}").ToArray();
        var hierarchies = new Dictionary<string, Hierarchy>();
        var domains = new int[dims];
        for (var d = 0; d < dims; d++)
        {
            domains[d] = random.Next(1, 13);
            var depth = random.Next(d == 0 ? 1 : 2, 5);
            var branch = random.Next(2, 4);
            var hierarchyRows = Enumerable.Range(0, domains[d]).Select(v =>
                Enumerable.Range(0, depth).Select(level =>
                    level == 0 ? $"v{v}" : level == depth - 1 ? "*" : $"g{level}_{v / (int)Math.Pow(branch, level)}").ToArray());
            hierarchies[names[d]] = Hierarchy.Create(names[d], hierarchyRows).Value!;
        }
        var lines = new List<string> { string.Join(';', names.Append("s")) };
        for (var r = 0; r < rows; r++)
            lines.Add(string.Join(';', domains.Select(n => $"v{random.Next(n)}").Append($"s{random.Next(3)}")));
        var table = EncodedTable.Read(new StringReader(string.Join('\n', lines)), ';').Value!;

        var useL = random.Next(4) == 0;
        var useT = random.Next(4) == 0;
        var options = new AnonymizationOptions
        {
            QuasiIdentifiers = names,
            K = random.Next(1, Math.Min(rows, 6) + 1),
            SuppressionLimit = random.Next(3) switch { 0 => 0, 1 => 0.1, _ => random.NextDouble() * 0.5 },
            Quality = (QualityModel)random.Next(5),
            L = useL ? random.Next(1, 3) : null,
            LKind = random.Next(2) == 0 ? DiversityKind.Distinct : DiversityKind.Entropy,
            T = useT ? 0.2 + random.NextDouble() * 0.5 : null,
            Sensitive = useL || useT ? "s" : null,
        };
        return new RandomProblem(table, hierarchies, options);
    }

    /// <summary>Every lattice node's score (NaN when not anonymous), computed by grouping raw rows directly.</summary>
    public double[] BruteForce(out Lattice lattice)
    {
        var problem = Problem.Create(Table, Hierarchies, Options).Value!;
        lattice = new Lattice([.. problem.Qis.Select(q => q.Depth)]);
        var quality = new Quality(problem);
        var scores = new double[lattice.Count];
        var levels = new int[lattice.Dimensions];
        for (var node = 0; node < lattice.Count; node++)
        {
            lattice.Decode(node, levels);
            var keys = Enumerable.Range(0, problem.Rows).Select(r => problem.Key(r, levels)).ToArray();
            var view = ClassView.Judge(problem, ClassTable.Group(keys, keys.Length));
            scores[node] = view.Anonymous(problem) ? quality.Score(Options.Quality, levels, view) : double.NaN;
        }
        return scores;
    }
}
