using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Custodian.Vault.Keys;

/// <summary>
/// The system's cryptographic generator, drawn 4 KiB at a time per thread. Each draw is a call into the kernel; an
/// import made four per person (its id, its data key, two nonces), about a sixth of the seal's CPU. The bytes are the
/// generator's own, and each is cleared from the buffer as it is handed out.
/// </summary>
internal static class RandomBytes
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_used;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BufferSize / 16)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var buffer = t_buffer;
        if (buffer is null || t_used + destination.Length > BufferSize)
        {
            buffer = t_buffer ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        var drawn = buffer.AsSpan(t_used, destination.Length);
        drawn.CopyTo(destination);
        drawn.Clear();
        t_used += destination.Length;
    }

    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    /// <summary>A version-7 UUID (RFC 9562) as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> makes it: 48 bits of Unix milliseconds, then random bits.</summary>
    public static Guid NewVersion7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        Fill(bytes[6..]);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, at.ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
