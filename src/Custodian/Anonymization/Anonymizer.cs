using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>What the optimal transformation does to the table, with every quality figure ARX would report.</summary>
public sealed record AnonymizationSummary(
    IReadOnlyList<string> QuasiIdentifiers,
    IReadOnlyList<int> Transformation,
    int SuppressedRows,
    int Classes,
    int MinClassSize,
    QualityModel Model,
    double Score,
    IReadOnlyDictionary<string, double> Quality,
    int NodesEvaluated,
    int LatticeSize);

/// <summary>
/// Full-domain global recoding with record suppression, optimal over the generalization lattice.
/// </summary>
public static class Anonymizer
{
    public static Result<Anonymization> Run(EncodedTable table, IReadOnlyDictionary<string, Hierarchy> hierarchies,
        AnonymizationOptions options, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var problem = Problem.Create(table, hierarchies, options);
        if (!problem.Succeeded) return problem.Failure!;
        var nodes = problem.Value!.Qis.Aggregate(1L, (n, q) => n * q.Depth);
        if (nodes > Lattice.MaxNodes)
            return Failure.Invalid("quasiIdentifiers", "anonymize.lattice_too_large",
                $"The lattice has {nodes} nodes; an optimal search supports at most {Lattice.MaxNodes}.");
        var search = new LatticeSearch(problem.Value!);
        var outcome = search.Run(progress, cancel);
        if (outcome.Levels is null || outcome.View is null)
            return Failure.Refused("anonymize.no_solution",
                "No transformation satisfies the privacy models within the suppression limit.");
        var view = outcome.View;
        var summary = new AnonymizationSummary(options.QuasiIdentifiers, outcome.Levels, view.Outliers, view.Classes,
            view.MinClassSize, options.Quality, outcome.Score, search.Quality.All(outcome.Levels, view),
            outcome.Evaluated, outcome.Nodes);
        return new Anonymization(table, problem.Value!, view, summary);
    }
}

/// <summary>The chosen transformation applied to a table, ready to be written.</summary>
public sealed class Anonymization
{
    private readonly EncodedTable _table;
    private readonly Problem _problem;
    private readonly ClassView _view;

    internal Anonymization(EncodedTable table, Problem problem, ClassView view, AnonymizationSummary summary)
    {
        _table = table;
        _problem = problem;
        _view = view;
        Summary = summary;
    }

    public AnonymizationSummary Summary { get; }

    /// <summary>
    /// Writes the released table. As ARX does by default, a suppressed row keeps its other attributes and has
    /// every quasi-identifier replaced by <c>*</c>.
    /// </summary>
    public void Write(TextWriter writer, char delimiter)
    {
        var levels = Summary.Transformation.ToArray();
        var sensitiveMask = (1UL << _problem.SensitiveBits) - 1;
        if (_problem.SensitiveIds is null) sensitiveMask = 0;
        var suppressed = new HashSet<ulong>();
        for (var i = 0; i < _view.Length; i++)
            if (_view.Outlier[i]) suppressed.Add(_view.Keys[i] & ~sensitiveMask);

        var qiOf = new int[_table.Header.Count];
        Array.Fill(qiOf, -1);
        for (var d = 0; d < _problem.Dimensions; d++) qiOf[_table.ColumnIndex(_problem.Qis[d].Name)] = d;

        writer.WriteLine(string.Join(delimiter, _table.Header.Select(h => DelimitedText.Escape(h, delimiter))));
        var fields = new string[_table.Header.Count];
        for (var row = 0; row < _table.RowCount; row++)
        {
            var hidden = suppressed.Count > 0 && suppressed.Contains(_problem.Key(row, levels) & ~sensitiveMask);
            for (var c = 0; c < fields.Length; c++)
            {
                var d = qiOf[c];
                fields[c] = d < 0 ? _table.Value(row, c)
                    : hidden ? "*"
                    : _problem.Qis[d].Labels[levels[d]][_problem.Qis[d].ToLevel[levels[d]][_problem.RawIds[d][row]]];
                fields[c] = DelimitedText.Escape(fields[c], delimiter);
            }
            writer.WriteLine(string.Join(delimiter, fields));
        }
    }
}
