using System.Numerics;
using System.Runtime.CompilerServices;

namespace Custodian.Anonymization;

/// <summary>
/// The equivalence classes of one transformation: each distinct packed key (one bit field per attribute, the
/// sensitive value in the last field when a model needs it) with its number of rows.
/// </summary>
internal sealed class ClassTable(ulong[] keys, int[] counts, int length)
{
    public ulong[] Keys { get; } = keys;
    public int[] Counts { get; } = counts;
    public int Length { get; } = length;

    /// <summary>Groups packed row keys. Keys must stay below 2^63 (the packer guarantees it).</summary>
    public static ClassTable Group(ReadOnlySpan<ulong> rowKeys, int expected)
    {
        var hash = new CountingHash(Math.Min(expected, rowKeys.Length), null);
        foreach (var key in rowKeys) hash.Add(key, 1);
        return hash.ToTable();
    }

    /// <summary>
    /// Computes a more general transformation's classes from this one's: only the fields whose level changes are
    /// rewritten, so the cost is the number of classes here, not the number of rows.
    /// </summary>
    public ClassTable RollUp(ReadOnlySpan<FieldMap> changes, int expected, HashScratch? scratch = null)
    {
        var hash = new CountingHash(Math.Min(expected, Length), scratch);
        var keys = Keys;
        var counts = Counts;
        for (var i = 0; i < Length; i++)
        {
            var key = keys[i];
            foreach (ref readonly var change in changes)
            {
                var value = (int)((key >> change.Shift) & change.Mask);
                key = (key & ~(change.Mask << change.Shift)) | ((ulong)(uint)change.Map[value] << change.Shift);
            }
            hash.Add(key, counts[i]);
        }
        return hash.ToTable();
    }
}

/// <summary>Rewrites one bit field of a packed key through a value map (ids at one level to ids at another).</summary>
internal readonly record struct FieldMap(int Shift, ulong Mask, int[] Map);

/// <summary>
/// Reusable slot arrays for <see cref="CountingHash"/>: roll-ups run thousands of times per search, and fresh
/// large arrays each time would mean large-object-heap churn.
/// </summary>
internal sealed class HashScratch
{
    public ulong[] Slots { get; private set; } = [];
    public int[] Counts { get; private set; } = [];

    public void Ensure(int capacity)
    {
        if (Slots.Length >= capacity) return;
        Slots = new ulong[capacity];
        Counts = new int[capacity];
    }
}

/// <summary>Open-addressing hash from packed key to count; slot value 0 means empty, so keys are stored plus one.</summary>
internal struct CountingHash
{
    private readonly ulong[] _slots;
    private readonly int[] _counts;
    private readonly int _shift;
    private readonly int _mask;
    private readonly bool _shared;
    private int _length;

    public CountingHash(int expected, HashScratch? scratch)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 2));
        scratch?.Ensure(capacity);
        _shared = scratch is not null;
        _slots = scratch?.Slots ?? new ulong[capacity];
        _counts = scratch?.Counts ?? new int[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _length = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, int count)
    {
        var stored = key + 1;
        var index = (int)((stored * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            var slot = _slots[index];
            if (slot == stored)
            {
                _counts[index] += count;
                return;
            }
            if (slot == 0)
            {
                _slots[index] = stored;
                _counts[index] = count;
                _length++;
                if (_length * 4 > (_mask + 1) * 3) throw new InvalidOperationException("Class hash sized too small.");
                return;
            }
            index = (index + 1) & _mask;
        }
    }

    /// <summary>Copies the classes out and, for shared slots, leaves them empty for the next use.</summary>
    public readonly ClassTable ToTable()
    {
        var keys = new ulong[_length];
        var counts = new int[_length];
        var n = 0;
        for (var i = 0; i <= _mask; i++)
        {
            if (_slots[i] == 0) continue;
            keys[n] = _slots[i] - 1;
            counts[n++] = _counts[i];
            if (_shared) _slots[i] = 0;
        }
        return new ClassTable(keys, counts, n);
    }
}
