namespace Custodian.Anonymization;

/// <summary>The full-domain generalization lattice: one node per combination of levels, indexed mixed-radix.</summary>
internal sealed class Lattice
{
    public Lattice(IReadOnlyList<int> depths)
    {
        Depths = [.. depths];
        Strides = new int[Depths.Length];
        long count = 1;
        for (var d = Depths.Length - 1; d >= 0; d--)
        {
            Strides[d] = (int)count;
            count *= Depths[d];
            if (count > MaxNodes) throw new ArgumentException("Lattice too large.", nameof(depths));
        }
        Count = (int)count;
    }

    /// <summary>Beyond this an optimal search is not a sensible request on one machine.</summary>
    public const long MaxNodes = 20_000_000;

    public int[] Depths { get; }
    public int[] Strides { get; }
    public int Count { get; }
    public int Dimensions => Depths.Length;

    public void Decode(int node, Span<int> levels)
    {
        for (var d = 0; d < Depths.Length; d++) levels[d] = node / Strides[d] % Depths[d];
    }

    public int Encode(ReadOnlySpan<int> levels)
    {
        var node = 0;
        for (var d = 0; d < levels.Length; d++) node += levels[d] * Strides[d];
        return node;
    }

    public int Level(int node, int dimension) => node / Strides[dimension] % Depths[dimension];

    /// <summary>Sets <paramref name="flag"/> on the node's successors, transitively; stops where it is already set.</summary>
    public void MarkUp(byte[] flags, int node, byte flag) => Mark(flags, node, flag, up: true);

    /// <summary>Sets <paramref name="flag"/> on the node's predecessors, transitively.</summary>
    public void MarkDown(byte[] flags, int node, byte flag) => Mark(flags, node, flag, up: false);

    private void Mark(byte[] flags, int node, byte flag, bool up)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.TryPop(out var current))
        {
            for (var d = 0; d < Depths.Length; d++)
            {
                var level = Level(current, d);
                if (up ? level + 1 >= Depths[d] : level == 0) continue;
                var next = up ? current + Strides[d] : current - Strides[d];
                if ((flags[next] & flag) != 0) continue;
                flags[next] |= flag;
                stack.Push(next);
            }
        }
    }
}
