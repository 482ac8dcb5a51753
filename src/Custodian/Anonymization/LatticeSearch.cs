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
    private const long CacheBudget = 8_000_000;

    private readonly Problem _problem;
    private readonly Quality _quality;
    private readonly Lattice _lattice;
    private readonly QualityModel _model;
    private readonly ClassTable?[] _cache;
    private readonly ThreadLocal<HashScratch> _scratch = new(() => new HashScratch());

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
        var levels = new int[_lattice.Dimensions];
        var bounds = new double[count];
        var sums = new int[count];
        var outliers = ProjectionBound.Compute(_problem, _lattice);
        var flags = new byte[count];
        for (var node = 0; node < count; node++)
        {
            LevelsOf(node, levels);
            bounds[node] = _quality.LowerBound(_model, levels, Math.Min(outliers[node], _problem.MaxOutliers));
            sums[node] = levels.Sum();
            if (outliers[node] > _problem.MaxOutliers) flags[node] |= NonAnonymous;
        }
        var order = Enumerable.Range(0, count).ToArray();
        Array.Sort(order, (a, b) => bounds[a] != bounds[b] ? bounds[a].CompareTo(bounds[b])
            : sums[a] != sums[b] ? sums[a].CompareTo(sums[b]) : a.CompareTo(b));

        var monotonePrivacy = PrivacyMonotone;
        var monotoneQuality = _quality.IsMonotone(_model);
        var best = double.PositiveInfinity;
        var bestNode = -1;
        ClassView? bestView = null;
        var evaluated = 0;
        var batch = new List<int>(BatchSize);
        var results = new Evaluation[BatchSize];
        var next = 0;
        while (next < order.Length)
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Invoke(next, count);
            batch.Clear();
            while (batch.Count < BatchSize && next < order.Length)
            {
                var node = order[next];
                if (bounds[node] > best + Tolerance(best))
                {
                    next = order.Length;
                    break;
                }
                next++;
                if ((flags[node] & (NonAnonymous | Dominated)) != 0) continue;
                // Suppressed rows proven since sorting may lift the bound past the best score.
                LevelsOf(node, levels);
                if (_quality.LowerBound(_model, levels, Math.Min(outliers[node], _problem.MaxOutliers)) > best + Tolerance(best))
                    continue;
                batch.Add(node);
            }
            Evaluate(batch, results);
            for (var b = 0; b < batch.Count; b++)
            {
                var node = batch[b];
                var (table, view, score) = results[b];
                evaluated++;
                Remember(node, table);
                if (!view.Anonymous(_problem))
                {
                    if (monotonePrivacy) _lattice.MarkDown(flags, node, NonAnonymous);
                    continue;
                }
                if (monotonePrivacy) RaiseBelow(outliers, node, view.Outliers);
                if (score < best - Tolerance(best) ||
                    (Math.Abs(score - best) <= Tolerance(best) && (sums[node], node).CompareTo((sums[bestNode], bestNode)) < 0))
                {
                    best = score;
                    bestNode = node;
                    bestView = view;
                }
                if (monotoneQuality) _lattice.MarkUp(flags, node, Dominated);
            }
        }
        progress?.Invoke(count, count);
        if (bestNode < 0) return new SearchOutcome(null, null, double.NaN, evaluated, count);
        LevelsOf(bestNode, levels);
        return new SearchOutcome(levels, bestView, best, evaluated, count);
    }

    /// <summary>Nodes evaluated together; small, because later nodes of a batch miss the earlier ones' pruning.</summary>
    private const int BatchSize = 4;

    private readonly record struct Evaluation(ClassTable Table, ClassView View, double Score);

    /// <summary>Builds and judges a batch of nodes; on more than one core the nodes are spread over them.</summary>
    private void Evaluate(List<int> batch, Evaluation[] results)
    {
        if (batch.Count <= 1 || Environment.ProcessorCount == 1)
        {
            for (var b = 0; b < batch.Count; b++) results[b] = EvaluateOne(batch[b], _scratch.Value!);
            return;
        }
        Parallel.For(0, batch.Count, b => results[b] = EvaluateOne(batch[b], _scratch.Value!));
    }

    private Evaluation EvaluateOne(int node, HashScratch scratch)
    {
        var levels = new int[_lattice.Dimensions];
        LevelsOf(node, levels);
        var table = TableFor(node, levels, scratch);
        var view = ClassView.Judge(_problem, table);
        var score = view.Anonymous(_problem) ? _quality.Score(_model, levels, view) : double.NaN;
        return new Evaluation(table, view, score);
    }

    /// <summary>
    /// A more general node never suppresses more rows (monotone models), so a node's suppressed rows bound its
    /// predecessors' from below. The bound array stays non-increasing upwards, so the walk stops early.
    /// </summary>
    private void RaiseBelow(int[] outliers, int node, int suppressed)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.TryPop(out var current))
        {
            for (var d = 0; d < _lattice.Dimensions; d++)
            {
                if (_levels[current * _lattice.Dimensions + d] == 0) continue;
                var below = current - _lattice.Strides[d];
                if (outliers[below] >= suppressed) continue;
                outliers[below] = suppressed;
                stack.Push(below);
            }
        }
    }

    private void LevelsOf(int node, Span<int> levels)
    {
        for (var d = 0; d < levels.Length; d++) levels[d] = _levels[node * levels.Length + d];
    }

    private static double Tolerance(double best) =>
        double.IsInfinity(best) ? 0 : 1e-12 * Math.Max(1, Math.Abs(best));

    /// <summary>The node's classes, rolled up from the smallest cached table among its near predecessors.</summary>
    public ClassTable TableFor(int node, ReadOnlySpan<int> levels, HashScratch scratch)
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
        return sourceTable.RollUp(changes.ToArray(), (int)expected, scratch);
    }

    /// <summary>Caches a table for later roll-ups while the budget lasts.</summary>
    private void Remember(int node, ClassTable table)
    {
        if (_cache[node] is not null) return;
        if (_cached + table.Length <= CacheBudget)
        {
            _cache[node] = table;
            _cached += table.Length;
            var at = _bySize.FindIndex(n => _cache[n]!.Length >= table.Length);
            _bySize.Insert(at < 0 ? _bySize.Count : at, node);
        }
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
