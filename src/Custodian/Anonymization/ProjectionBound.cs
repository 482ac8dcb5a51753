namespace Custodian.Anonymization;

/// <summary>
/// A cheap proof of non-anonymity. Every class of a node lies inside one class of the node's projection onto a
/// few attributes, so a row in a projected class smaller than k sits in a node class smaller than k: the rows a
/// projection must suppress bound the rows the node must suppress from below. Projections onto two and three
/// attributes have small tables, and their bounds rule out most of the lattice before any node is grouped.
/// </summary>
internal static class ProjectionBound
{
    private const int MaxArity = 3;

    /// <summary>Per node: a lower bound on the rows that fail k (other privacy models can only add to them).</summary>
    public static int[] Compute(Problem problem, Lattice lattice)
    {
        var result = new int[lattice.Count];
        if (problem.Options.K <= 1) return result;
        var subsets = Subsets(problem.Dimensions, Math.Min(MaxArity, problem.Dimensions));
        var perSubset = new int[subsets.Count][];
        Parallel.For(0, subsets.Count, () => new HashScratch(),
            (s, _, scratch) =>
            {
                perSubset[s] = SubLattice(problem, subsets[s], scratch);
                return scratch;
            }, _ => { });

        for (var s = 0; s < subsets.Count; s++)
        {
            var dims = subsets[s];
            var bounds = perSubset[s];
            for (var node = 0; node < lattice.Count; node++)
            {
                var index = 0;
                foreach (var d in dims) index = index * problem.Qis[d].Depth + lattice.Level(node, d);
                if (bounds[index] > result[node]) result[node] = bounds[index];
            }
        }
        return result;
    }

    private static List<int[]> Subsets(int dimensions, int arity)
    {
        var all = new List<int[]>();
        void Extend(List<int> current, int from)
        {
            if (current.Count == arity)
            {
                all.Add([.. current]);
                return;
            }
            for (var d = from; d < dimensions; d++)
            {
                current.Add(d);
                Extend(current, d + 1);
                current.RemoveAt(current.Count - 1);
            }
        }
        Extend([], 0);
        return all;
    }

    /// <summary>Rows failing k for every level combination of the subset, index mixed-radix in subset order.</summary>
    private static int[] SubLattice(Problem problem, int[] dims, HashScratch scratch)
    {
        ulong keep = 0;
        foreach (var d in dims) keep |= ((1UL << problem.Qis[d].Bits) - 1) << problem.Shifts[d];
        var bottom = problem.Bottom;
        var projected = new ulong[bottom.Length];
        for (var i = 0; i < projected.Length; i++) projected[i] = bottom.Keys[i] & keep;
        var hash = new CountingHash(bottom.Length, scratch);
        for (var i = 0; i < projected.Length; i++) hash.Add(projected[i], bottom.Counts[i]);

        var depths = dims.Select(d => problem.Qis[d].Depth).ToArray();
        var total = depths.Aggregate(1, (a, b) => a * b);
        var tables = new ClassTable[total];
        tables[0] = hash.ToTable();
        var result = new int[total];
        var levels = new int[dims.Length];
        for (var index = 0; index < total; index++)
        {
            Decode(index, depths, levels);
            if (index > 0)
            {
                // Roll up from the predecessor one level lower in the last raised attribute: already computed.
                var j = levels.Length - 1;
                while (levels[j] == 0) j--;
                var stride = 1;
                for (var m = j + 1; m < depths.Length; m++) stride *= depths[m];
                var qi = problem.Qis[dims[j]];
                var change = new FieldMap(problem.Shifts[dims[j]], (1UL << qi.Bits) - 1, qi.Up[levels[j] - 1][levels[j]]);
                var source = tables[index - stride];
                tables[index] = source.RollUp([change], source.Length, scratch);
            }
            var outliers = 0;
            var table = tables[index];
            for (var i = 0; i < table.Length; i++)
                if (table.Counts[i] < problem.Options.K) outliers += table.Counts[i];
            result[index] = outliers;
        }
        return result;
    }

    private static void Decode(int index, int[] depths, int[] levels)
    {
        for (var m = depths.Length - 1; m >= 0; m--)
        {
            levels[m] = index % depths[m];
            index /= depths[m];
        }
    }
}
