namespace Custodian.Anonymization;

/// <summary>
/// ARX's quality models (lower is better) and, for the search, a lower bound per model that ignores suppression,
/// needs no class table, and never decreases with generalization: the bound is what lets the search stop early
/// while staying optimal.
/// </summary>
internal sealed class Quality
{
    private readonly Problem _problem;

    /// <summary><c>[d][level]</c>: summed domain share of all rows (Loss without suppression, before normalizing).</summary>
    private readonly double[][] _shareSums;

    /// <summary><c>[d][level]</c>: non-uniform entropy of attribute d at that level, in bits.</summary>
    private readonly double[][] _entropies;

    /// <summary><c>[d][level]</c>: the largest domain share of a value at that level.</summary>
    private readonly double[][] _maxShares;

    public Quality(Problem problem)
    {
        _problem = problem;
        var dims = problem.Dimensions;
        _shareSums = new double[dims][];
        _entropies = new double[dims][];
        _maxShares = new double[dims][];
        for (var d = 0; d < dims; d++)
        {
            var qi = problem.Qis[d];
            var raw = problem.RawCounts[d];
            _shareSums[d] = new double[qi.Depth];
            _entropies[d] = new double[qi.Depth];
            _maxShares[d] = [.. qi.Shares.Select(level => level.Max())];
            for (var level = 0; level < qi.Depth; level++)
            {
                var map = qi.ToLevel[level];
                var generalized = new double[qi.Labels[level].Length];
                for (var id = 0; id < raw.Length; id++) generalized[map[id]] += raw[id];
                double shares = 0, entropy = 0;
                for (var id = 0; id < raw.Length; id++)
                {
                    if (raw[id] == 0) continue;
                    shares += raw[id] * qi.Shares[level][map[id]];
                    entropy -= raw[id] * Math.Log2(raw[id] / generalized[map[id]]);
                }
                _shareSums[d][level] = shares;
                _entropies[d][level] = entropy;
            }
        }
    }

    /// <summary>True when no more general anonymous transformation can score better than a less general one.</summary>
    public bool IsMonotone(QualityModel model) => model == QualityModel.Entropy || _problem.MaxOutliers == 0;

    /// <summary>
    /// A lower bound on the node's score that needs no class table. <paramref name="outliers"/> is a lower bound on
    /// the rows the node must suppress; a suppressed row costs at least one minus the largest share (Loss) or one
    /// minus level over height (precision) more than it would released, and the row count (discernibility).
    /// </summary>
    public double LowerBound(QualityModel model, ReadOnlySpan<int> levels, int outliers) => model switch
    {
        QualityModel.Loss => Aggregate(levels, (d, level) =>
            NormalizeLoss(d, _shareSums[d][level] + outliers * (1 - _maxShares[d][level]))),
        QualityModel.Entropy => Entropy(levels),
        QualityModel.Precision => Mean(levels, (d, level) =>
        {
            var released = Height(d) == 0 ? 0 : (double)level / Height(d);
            return released + (double)outliers / _problem.Rows * (1 - released);
        }),
        QualityModel.Discernibility => Math.Max(
            (double)_problem.Rows * _problem.Rows / Cells(levels),
            (double)outliers * _problem.Rows + (double)_problem.Options.K * (_problem.Rows - outliers)),
        QualityModel.Aecs => _problem.Rows / (Math.Min(Cells(levels), _problem.Rows) + 1),
        _ => 0,
    };

    /// <summary>The number of distinct generalized keys possible at these levels (capped, it only bounds).</summary>
    private double Cells(ReadOnlySpan<int> levels)
    {
        var cells = 1.0;
        for (var d = 0; d < levels.Length; d++) cells *= _problem.Qis[d].Labels[levels[d]].Length;
        return cells;
    }

    public double Score(QualityModel model, ReadOnlySpan<int> levels, ClassView view) => model switch
    {
        QualityModel.Loss => Loss(levels, view),
        QualityModel.Entropy => Entropy(levels),
        QualityModel.Discernibility => Discernibility(view),
        QualityModel.Aecs => (double)_problem.Rows / (view.Classes + (view.HasOutlierClass ? 1 : 0)),
        QualityModel.Precision => Precision(levels, view),
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    public Dictionary<string, double> All(ReadOnlySpan<int> levels, ClassView view) => new()
    {
        ["loss"] = Loss(levels, view),
        ["entropy"] = Entropy(levels),
        ["discernibility"] = Discernibility(view),
        ["aecs"] = Score(QualityModel.Aecs, levels, view),
        ["precision"] = Precision(levels, view),
    };

    private double Loss(ReadOnlySpan<int> levels, ClassView view)
    {
        var sums = new double[_problem.Dimensions];
        for (var i = 0; i < view.Length; i++)
        {
            var count = view.Counts[i];
            for (var d = 0; d < sums.Length; d++)
                sums[d] += view.Outlier[i] ? count : count * _problem.Qis[d].Shares[levels[d]][_problem.Field(view.Keys[i], d)];
        }
        return Aggregate(levels, (d, _) => NormalizeLoss(d, sums[d]));
    }

    private double NormalizeLoss(int d, double sum)
    {
        var rows = (double)_problem.Rows;
        var min = rows / _problem.Qis[d].DomainSize;
        return rows == min ? 0 : Math.Max(0, (sum - min) / (rows - min));
    }

    private double Entropy(ReadOnlySpan<int> levels)
    {
        var total = 0.0;
        for (var d = 0; d < levels.Length; d++) total += _entropies[d][levels[d]];
        return total;
    }

    private double Discernibility(ClassView view)
    {
        var total = 0.0;
        for (var i = 0; i < view.Length; i++)
            total += view.Outlier[i] ? (double)view.Counts[i] * _problem.Rows : (double)view.Counts[i] * view.Counts[i];
        return total;
    }

    private double Precision(ReadOnlySpan<int> levels, ClassView view)
    {
        double suppressed = view.Outliers, released = _problem.Rows - view.Outliers;
        return Mean(levels, (d, level) =>
            ((Height(d) == 0 ? 0 : released * level / Height(d)) + suppressed) / _problem.Rows);
    }

    private int Height(int d) => _problem.Qis[d].Depth - 1;

    /// <summary>ARX's geometric mean with one added to each value so that zeros do not swallow the product.</summary>
    private static double Aggregate(ReadOnlySpan<int> levels, Func<int, int, double> value)
    {
        var product = 1.0;
        for (var d = 0; d < levels.Length; d++) product *= Math.Pow(value(d, levels[d]) + 1, 1.0 / levels.Length);
        return product - 1;
    }

    private static double Mean(ReadOnlySpan<int> levels, Func<int, int, double> value)
    {
        var total = 0.0;
        for (var d = 0; d < levels.Length; d++) total += value(d, levels[d]);
        return total / levels.Length;
    }
}
