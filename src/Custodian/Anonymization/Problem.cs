using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>
/// A validated, encoded anonymization problem: the quasi-identifiers' raw ids per row, the packing of a class key,
/// the privacy thresholds and the table of raw classes every transformation is rolled up from.
/// </summary>
internal sealed class Problem
{
    public required QiDomain[] Qis { get; init; }
    public required int[][] RawIds { get; init; }
    public required int[] Shifts { get; init; }
    public required int Rows { get; init; }
    public required int MaxOutliers { get; init; }
    public required AnonymizationOptions Options { get; init; }

    /// <summary>Per row, the sensitive value's id; null when no model needs it. It sits in the key's lowest bits.</summary>
    public int[]? SensitiveIds { get; init; }
    public int SensitiveBits { get; init; }
    public int SensitiveCount { get; init; }

    /// <summary>The sensitive attribute's distribution over the whole table (t-closeness' reference).</summary>
    public double[] SensitiveGlobal { get; init; } = [];

    /// <summary>Per attribute, per raw id: number of rows.</summary>
    public required int[][] RawCounts { get; init; }

    /// <summary>The classes of the raw data (the lattice's bottom node).</summary>
    public ClassTable Bottom { get; private set; } = new([], [], 0);

    public int Dimensions => Qis.Length;

    /// <summary>Packs the generalized key of one row at the given levels.</summary>
    public ulong Key(int row, ReadOnlySpan<int> levels)
    {
        var key = SensitiveIds is null ? 0UL : (ulong)(uint)SensitiveIds[row];
        for (var d = 0; d < Qis.Length; d++)
            key |= (ulong)(uint)Qis[d].ToLevel[levels[d]][RawIds[d][row]] << Shifts[d];
        return key;
    }

    public int Field(ulong key, int dimension) =>
        (int)((key >> Shifts[dimension]) & ((1UL << Qis[dimension].Bits) - 1));

    public static Result<Problem> Create(EncodedTable table, IReadOnlyDictionary<string, Hierarchy> hierarchies,
        AnonymizationOptions options)
    {
        var invalid = OptionsValidator.Validate(table, hierarchies, options);
        if (invalid is not null) return invalid;

        var qis = new QiDomain[options.QuasiIdentifiers.Count];
        var rawIds = new int[qis.Length][];
        var rawCounts = new int[qis.Length][];
        var shifts = new int[qis.Length];
        int[]? sensitiveIds = null;
        var sensitiveBits = 0;
        var sensitiveCount = 0;
        double[] global = [];
        if (options.Sensitive is not null)
        {
            var column = table.ColumnIndex(options.Sensitive);
            sensitiveIds = table.Codes[column];
            sensitiveCount = table.Values[column].Length;
            sensitiveBits = Math.Max(1, 32 - int.LeadingZeroCount(sensitiveCount - 1));
            global = new double[sensitiveCount];
            foreach (var id in sensitiveIds) global[id]++;
            for (var i = 0; i < global.Length; i++) global[i] /= table.RowCount;
        }

        var shift = sensitiveBits;
        for (var d = 0; d < qis.Length; d++)
        {
            var name = options.QuasiIdentifiers[d];
            var domain = QiDomain.Create(hierarchies[name]);
            if (!domain.Succeeded) return domain.Failure!;
            qis[d] = domain.Value!;
            var ids = MapColumn(table, table.ColumnIndex(name), hierarchies[name]);
            if (!ids.Succeeded) return ids.Failure!;
            rawIds[d] = ids.Value!;
            rawCounts[d] = new int[qis[d].DomainSize];
            foreach (var id in rawIds[d]) rawCounts[d][id]++;
            shifts[d] = shift;
            shift += qis[d].Bits;
        }
        if (shift > 63)
            return Failure.Invalid("quasiIdentifiers", "anonymize.too_wide",
                $"The quasi-identifiers' values need {shift} bits per class key; at most 63 are supported.");

        var problem = new Problem
        {
            Qis = qis, RawIds = rawIds, Shifts = shifts, Rows = table.RowCount, Options = options,
            MaxOutliers = (int)Math.Floor(options.SuppressionLimit * table.RowCount),
            SensitiveIds = sensitiveIds, SensitiveBits = sensitiveBits, SensitiveCount = sensitiveCount,
            SensitiveGlobal = global, RawCounts = rawCounts,
        };
        problem.Bottom = BuildBottom(problem);
        return problem;
    }

    private static ClassTable BuildBottom(Problem problem)
    {
        var levels = new int[problem.Dimensions];
        var keys = new ulong[problem.Rows];
        for (var r = 0; r < keys.Length; r++) keys[r] = problem.Key(r, levels);
        return ClassTable.Group(keys, keys.Length);
    }

    private static Result<int[]> MapColumn(EncodedTable table, int column, Hierarchy hierarchy)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < hierarchy.Rows.Count; r++) index[hierarchy.Rows[r][0]] = r;
        var values = table.Values[column];
        var map = new int[values.Length];
        for (var v = 0; v < values.Length; v++)
            map[v] = index.TryGetValue(values[v], out var id) ? id : -1;
        var codes = table.Codes[column];
        var ids = new int[codes.Length];
        for (var r = 0; r < codes.Length; r++)
        {
            ids[r] = map[codes[r]];
            if (ids[r] < 0)
                return Failure.Invalid(hierarchy.Attribute, "hierarchy.missing_value",
                    $"Row {r + 1}: the value of '{hierarchy.Attribute}' is not in its hierarchy.");
        }
        return ids;
    }
}
