using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Custodian.Audit;

/// <summary>
/// SHA-256 over a canonical, length-prefixed binary encoding of an event and the hash before it.
/// Changing the encoding breaks every existing chain: it is versioned by the leading byte.
/// </summary>
public static class AuditHash
{
    /// <summary>Version, sequence, ticks, type, outcome and the optional person id: the fixed-size head of the encoding.</summary>
    internal const int FixedSize = 1 + 8 + 8 + 4 + 4 + 17;
    private const byte EncodingVersion = 1;
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Compute(AuditEvent e, ReadOnlySpan<byte> prevHash)
    {
        var hash = new byte[32];
        Compute(e.Seq, e.At.Ticks, (int)e.Type, (int)e.Outcome, e.Actor, e.PersonId, e.Purpose, e.Items, e.Reason, e.Subject, prevHash, hash);
        return hash;
    }

    public static void Compute(
        long seq, long atTicks, int type, int outcome, string actor, Guid? personId, string? purpose, string? items,
        string? reason, string? subject, ReadOnlySpan<byte> prevHash, Span<byte> destination)
    {
        var size = FixedSize + 32 + Size(actor) + Size(purpose) + Size(items) + Size(reason) + Size(subject);
        byte[]? rented = null;
        var buffer = size <= 512 ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size)).AsSpan(0, size);
        var w = WriteFixed(buffer, seq, atTicks, type, outcome, personId);
        w = Write(w, actor);
        w = Write(w, purpose);
        w = Write(w, items);
        w = Write(w, reason);
        w = Write(w, subject);
        prevHash.CopyTo(w);
        ChainDigest.Hash(buffer, destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the fixed-size head; returns the rest of <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Span<byte> WriteFixed(Span<byte> w, long seq, long atTicks, int type, int outcome, Guid? personId)
    {
        w[0] = EncodingVersion;
        BinaryPrimitives.WriteInt64BigEndian(w[1..], seq);
        BinaryPrimitives.WriteInt64BigEndian(w[9..], atTicks);
        BinaryPrimitives.WriteInt32BigEndian(w[17..], type);
        BinaryPrimitives.WriteInt32BigEndian(w[21..], outcome);
        if (personId is { } id)
        {
            w[25] = 1;
            id.TryWriteBytes(w[26..], bigEndian: true, out _);
        }
        else
        {
            w.Slice(25, 17).Clear();
        }

        return w[FixedSize..];
    }

    /// <summary>A text field is its UTF-8 length (-1 for null, then nothing) followed by its UTF-8 bytes.</summary>
    internal static void WriteLength(Span<byte> w, int utf8Length) => BinaryPrimitives.WriteInt32BigEndian(w, utf8Length);

    private static int Size(string? s) => 4 + (s is null ? 0 : Encoding.UTF8.GetByteCount(s));

    private static Span<byte> Write(Span<byte> w, string? s)
    {
        var n = s is null ? 0 : Encoding.UTF8.GetBytes(s, w[4..]);
        WriteLength(w, s is null ? -1 : n);
        return w[(4 + n)..];
    }
}
