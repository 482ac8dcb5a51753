namespace Custodian.Anonymization;

/// <summary>
/// A cheap proof of non-anonymity. Every class of a node lies inside one class of its projection onto any two
/// attributes, so a row in a projected class smaller than k is in a node class smaller than k: the rows the
/// projections must suppress bound the rows the node must suppress from below. The two-attribute tables are tiny
/// (a few thousand cells), so this bound costs nothing next to one roll-up, and it rules out most of the lattice
/// when little suppression is allowed.
/// </summary>
internal static class ProjectionBound
{
    /// <summary>Per node: a lower bound on the rows that fail k (other models can only add to them).</summary>
    public static int[] Compute(Problem problem, Lattice lattice)
    {
        var dims = problem.Dimensions;
        var result = new int[lattice.Count];
        if (problem.Options.K <= 1) return result;
        var pairs = new List<(int D, int E)>();
        for (var d = 0; d < dims; d++)
            for (var e = d + 1; e < dims; e++) pairs.Add((d, e));
        if (dims == 1) pairs.Add((0, 0));

        var levels = new int[dims];
        foreach (var (d, e) in pairs)
        {
            var outliers = PairOutliers(problem, d, e);
            for (var node = 0; node < lattice.Count; node++)
            {
                var bound = outliers[lattice.Level(node, d)][lattice.Level(node, e)];
                if (bound > result[node]) result[node] = bound;
            }
        }
        _ = levels;
        return result;
    }

    /// <summary><c>[a][b]</c>: rows in classes smaller than k when only attributes d (at a) and e (at b) are kept.</summary>
    private static int[][] PairOutliers(Problem problem, int d, int e)
    {
        var qd = problem.Qis[d];
        var qe = problem.Qis[e];
        var width = qe.DomainSize;
        var raw = new int[qd.DomainSize * width];
        var bottom = problem.Bottom;
        for (var i = 0; i < bottom.Length; i++)
            raw[problem.Field(bottom.Keys[i], d) * width + problem.Field(bottom.Keys[i], e)] += bottom.Counts[i];

        var k = problem.Options.K;
        var result = new int[qd.Depth][];
        for (var a = 0; a < qd.Depth; a++)
        {
            result[a] = new int[qe.Depth];
            for (var b = 0; b < qe.Depth; b++)
            {
                var w = qe.Labels[b].Length;
                var cells = new int[qd.Labels[a].Length * w];
                for (var x = 0; x < qd.DomainSize; x++)
                    for (var y = 0; y < width; y++)
                    {
                        var count = raw[x * width + y];
                        if (count != 0) cells[qd.ToLevel[a][x] * w + qe.ToLevel[b][y]] += count;
                    }
                var outliers = 0;
                foreach (var count in cells)
                    if (count < k) outliers += count;
                result[a][b] = outliers;
            }
        }
        return result;
    }
}
