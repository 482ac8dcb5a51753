namespace Custodian.Anonymization;

/// <summary>
/// Optimal search of the generalization lattice by branch and bound. Nodes are visited in order of a lower bound
/// that never decreases with generalization; the search stops when the next bound exceeds the best score found.
/// Pruning is used only where it is sound: a non-anonymous node's predecessors are non-anonymous when the privacy
/// models are monotone under suppression, and an anonymous node's successors cannot score better only when the
/// quality model is monotone (for Loss and precision that holds only without suppression).
/// </summary>
internal sealed class LatticeSearch
{
    private const byte NonAnonymous = 1;
    private const byte Dominated = 2;
    private const byte KnownAnonymous = 4;
    private const long CacheBudget = 8_000_000;

    private readonly Problem _problem;
    private readonly Quality _quality;
    private readonly Lattice _lattice;
    private readonly QualityModel _model;
    private readonly ClassTable?[] _cache;
    private readonly HashScratch _scratch = new();

    /// <summary>Cached nodes, smallest table first: the first predecessor found is the cheapest source.</summary>
    private readonly List<int> _bySize = [];

    /// <summary>Every node's levels, decoded once: source selection compares them thousands of times.</summary>
    private readonly byte[] _levels;
    private long _cached;

    public LatticeSearch(Problem problem)
    {
        _problem = problem;
        _quality = new Quality(problem);
        _lattice = new Lattice([.. problem.Qis.Select(q => q.Depth)]);
        _model = problem.Options.Quality;
        _cache = new ClassTable?[_lattice.Count];
        _cache[0] = problem.Bottom;
        _levels = new byte[_lattice.Count * _lattice.Dimensions];
        var levels = new int[_lattice.Dimensions];
        for (var node = 0; node < _lattice.Count; node++)
        {
            _lattice.Decode(node, levels);
            for (var d = 0; d < levels.Length; d++) _levels[node * levels.Length + d] = (byte)levels[d];
        }
    }

    public Lattice Lattice => _lattice;
    public Quality Quality => _quality;

    /// <summary>True when a node's predecessors of a non-anonymous node are non-anonymous too.</summary>
    public bool PrivacyMonotone
    {
        get
        {
            var o = _problem.Options;
            var strict = _problem.MaxOutliers == 0;
            return (o.L is null || o.LKind == DiversityKind.Distinct || strict) && (o.T is null || strict);
        }
    }

    public SearchOutcome Run(Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var count = _lattice.Count;
        var dims = _lattice.Dimensions;
        var levels = new int[dims];
        var bounds = new double[count];
        var sums = new int[count];
        var outlierBounds = ProjectionBound.Compute(_problem, _lattice);
        for (var node = 0; node < count; node++)
        {
            _lattice.Decode(node, levels);
            bounds[node] = _quality.LowerBound(_model, levels, Math.Min(outlierBounds[node], _problem.MaxOutliers));
            sums[node] = levels.Sum();
        }
        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(order, (a, b) => bounds[a] != bounds[b] ? bounds[a].CompareTo(bounds[b])
            : sums[a] != sums[b] ? sums[a].CompareTo(sums[b]) : a.CompareTo(b));

        var flags = new byte[count];
        for (var node = 0; node < count; node++)
            if (outlierBounds[node] > _problem.MaxOutliers) flags[node] |= NonAnonymous;
        var monotonePrivacy = PrivacyMonotone;
        var monotoneQuality = _quality.IsMonotone(_model);
        var best = double.PositiveInfinity;
        var bestNode = -1;
        ClassView? bestView = null;
        var evaluated = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var node = order[i];
            if (bounds[node] > best + Tolerance(best)) break;
            if ((i & 63) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Invoke(i, count);
            }
            if ((flags[node] & (NonAnonymous | Dominated)) != 0) continue;
            _lattice.Decode(node, levels);
            var view = ClassView.Judge(_problem, TableFor(node, levels));
            evaluated++;
            if (!view.Anonymous(_problem))
            {
                if (monotonePrivacy) _lattice.MarkDown(flags, node, NonAnonymous);
                continue;
            }
            if (monotonePrivacy) _lattice.MarkUp(flags, node, KnownAnonymous);
            var score = _quality.Score(_model, levels, view);
            if (score < best - Tolerance(best) ||
                (Math.Abs(score - best) <= Tolerance(best) && (sums[node], node).CompareTo((sums[bestNode], bestNode)) < 0))
            {
                best = score;
                bestNode = node;
                bestView = view;
            }
            if (monotoneQuality) _lattice.MarkUp(flags, node, Dominated);
        }
        progress?.Invoke(count, count);
        if (bestNode < 0) return new SearchOutcome(null, null, double.NaN, evaluated, count);
        _lattice.Decode(bestNode, levels);
        return new SearchOutcome(levels, bestView, best, evaluated, count);
    }

    private static double Tolerance(double best) =>
        double.IsInfinity(best) ? 0 : 1e-12 * Math.Max(1, Math.Abs(best));

    /// <summary>The node's classes, rolled up from the smallest cached table among its near predecessors.</summary>
    public ClassTable TableFor(int node, ReadOnlySpan<int> levels)
    {
        if (_cache[node] is { } hit) return hit;
        var source = 0;
        var sourceTable = _problem.Bottom;
        foreach (var candidate in _bySize)
        {
            if (!Precedes(candidate, levels)) continue;
            source = candidate;
            sourceTable = _cache[candidate]!;
            break;
        }

        var changes = new List<FieldMap>();
        long expected = 1;
        for (var d = 0; d < levels.Length; d++)
        {
            var qi = _problem.Qis[d];
            var from = _lattice.Level(source, d);
            expected = Math.Min(expected * qi.Labels[levels[d]].Length, int.MaxValue);
            if (from != levels[d])
                changes.Add(new FieldMap(_problem.Shifts[d], (1UL << qi.Bits) - 1, qi.Up[from][levels[d]]));
        }
        if (_problem.SensitiveIds is not null) expected = Math.Min(expected * _problem.SensitiveCount, int.MaxValue);
        var table = sourceTable.RollUp(changes.ToArray(), (int)expected, _scratch);
        if (_cached + table.Length <= CacheBudget)
        {
            _cache[node] = table;
            _cached += table.Length;
            var at = _bySize.FindIndex(n => _cache[n]!.Length >= table.Length);
            _bySize.Insert(at < 0 ? _bySize.Count : at, node);
        }
        return table;
    }

    private bool Precedes(int candidate, ReadOnlySpan<int> levels)
    {
        var own = _levels.AsSpan(candidate * levels.Length, levels.Length);
        for (var d = 0; d < levels.Length; d++)
            if (own[d] > levels[d]) return false;
        return true;
    }
}

/// <summary>The optimum, or null levels when no transformation satisfies the privacy models within the limit.</summary>
internal sealed record SearchOutcome(int[]? Levels, ClassView? View, double Score, int Evaluated, int Nodes);
