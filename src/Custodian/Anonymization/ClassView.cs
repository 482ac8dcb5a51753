namespace Custodian.Anonymization;

/// <summary>
/// A transformation's equivalence classes judged against the privacy models: which classes must be suppressed,
/// and whether the suppression stays within the limit.
/// </summary>
internal sealed class ClassView
{
    private ClassView(ulong[] keys, int[] counts, bool[] outlier, int length)
    {
        Keys = keys;
        Counts = counts;
        Outlier = outlier;
        Length = length;
        for (var i = 0; i < length; i++)
        {
            if (outlier[i]) { Outliers += counts[i]; HasOutlierClass = true; }
            else { Classes++; MinClassSize = Math.Min(MinClassSize, counts[i]); }
        }
        if (Classes == 0) MinClassSize = 0;
    }

    /// <summary>One key per class (the sensitive field, if any, is that of an arbitrary member).</summary>
    public ulong[] Keys { get; }
    public int[] Counts { get; }
    public bool[] Outlier { get; }
    public int Length { get; }

    /// <summary>Rows in suppressed classes.</summary>
    public int Outliers { get; }
    public bool HasOutlierClass { get; }

    /// <summary>Classes that are released (not suppressed).</summary>
    public int Classes { get; }
    public int MinClassSize { get; } = int.MaxValue;

    public bool Anonymous(Problem problem) => Outliers <= problem.MaxOutliers;

    public static ClassView Judge(Problem problem, ClassTable table)
    {
        if (problem.SensitiveIds is null)
        {
            var outlier = new bool[table.Length];
            var k = problem.Options.K;
            for (var i = 0; i < table.Length; i++) outlier[i] = table.Counts[i] < k;
            return new ClassView(table.Keys, table.Counts, outlier, table.Length);
        }
        return JudgeWithSensitive(problem, table);
    }

    private static ClassView JudgeWithSensitive(Problem problem, ClassTable table)
    {
        // With the sensitive value in the lowest bits, sorting makes each class one contiguous run.
        var keys = table.Keys.AsSpan(0, table.Length).ToArray();
        var counts = table.Counts.AsSpan(0, table.Length).ToArray();
        Array.Sort(keys, counts);
        var sensitiveMask = (1UL << problem.SensitiveBits) - 1;
        var classKeys = new List<ulong>();
        var classCounts = new List<int>();
        var outliers = new List<bool>();
        var start = 0;
        while (start < keys.Length)
        {
            var end = start + 1;
            while (end < keys.Length && (keys[end] & ~sensitiveMask) == (keys[start] & ~sensitiveMask)) end++;
            var size = 0;
            for (var i = start; i < end; i++) size += counts[i];
            classKeys.Add(keys[start]);
            classCounts.Add(size);
            outliers.Add(size < problem.Options.K || !Diverse(problem, keys, counts, start, end, size));
            start = end;
        }
        return new ClassView([.. classKeys], [.. classCounts], [.. outliers], classKeys.Count);
    }

    private static bool Diverse(Problem problem, ulong[] keys, int[] counts, int start, int end, int size)
    {
        var options = problem.Options;
        if (options.L is { } l)
        {
            if (options.LKind == DiversityKind.Distinct)
            {
                if (end - start < l) return false;
            }
            else
            {
                var entropy = 0.0;
                for (var i = start; i < end; i++)
                {
                    var p = (double)counts[i] / size;
                    entropy -= p * Math.Log2(p);
                }
                if (entropy < Math.Log2(l) - 1e-12) return false;
            }
        }
        if (options.T is { } t)
        {
            // Equal distance: half the L1 distance to the whole table's distribution; values absent from the
            // class contribute their global share, so start from 1 and correct for the values present.
            var sensitiveMask = (1UL << problem.SensitiveBits) - 1;
            var sum = 1.0;
            for (var i = start; i < end; i++)
            {
                var q = problem.SensitiveGlobal[(int)(keys[i] & sensitiveMask)];
                sum += Math.Abs((double)counts[i] / size - q) - q;
            }
            if (sum / 2 > t + 1e-12) return false;
        }
        return true;
    }
}
