using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Audit;

/// <summary>
/// SHA-256 over a canonical, length-prefixed binary encoding of an event and the hash before it.
/// Changing the encoding breaks every existing chain: it is versioned by the leading byte.
/// </summary>
public static class AuditHash
{
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
        var size = 1 + 8 + 8 + 4 + 4 + 17 + 32 + Size(actor) + Size(purpose) + Size(items) + Size(reason) + Size(subject);
        byte[]? rented = null;
        var buffer = size <= 512 ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size)).AsSpan(0, size);
        var w = buffer;
        w[0] = EncodingVersion;
        w = w[1..];
        BinaryPrimitives.WriteInt64BigEndian(w, seq);
        BinaryPrimitives.WriteInt64BigEndian(w[8..], atTicks);
        BinaryPrimitives.WriteInt32BigEndian(w[16..], type);
        BinaryPrimitives.WriteInt32BigEndian(w[20..], outcome);
        w = w[24..];
        if (personId is { } id)
        {
            w[0] = 1;
            id.TryWriteBytes(w[1..], bigEndian: true, out _);
        }
        else
        {
            w[..17].Clear();
        }

        w = w[17..];
        w = Write(w, actor);
        w = Write(w, purpose);
        w = Write(w, items);
        w = Write(w, reason);
        w = Write(w, subject);
        prevHash.CopyTo(w);
        SHA256.HashData(buffer, destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Size(string? s) => 4 + (s is null ? 0 : Encoding.UTF8.GetByteCount(s));

    private static Span<byte> Write(Span<byte> w, string? s)
    {
        if (s is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(w, -1);
            return w[4..];
        }

        var n = Encoding.UTF8.GetBytes(s, w[4..]);
        BinaryPrimitives.WriteInt32BigEndian(w, n);
        return w[(4 + n)..];
    }
}
