using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Custodian.Storage;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (a header, then per row a column count and per column a length and the value
/// in network byte order, then a trailer), encoded as Npgsql encodes each type, into one pooled array.
/// </summary>
internal sealed class CopyBuffer(int capacity) : IDisposable
{
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    // As Npgsql's: a string that is not valid UTF-16 (a lone surrogate) is refused, not written with a replacement character.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // 2000-01-01 UTC, PostgreSQL's epoch, in .NET ticks; timestamps travel as microseconds since then.
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>The signature, no flags, no header extension.</summary>
    public void Header()
    {
        Signature.CopyTo(Take(Signature.Length + 8));
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(Length - 8), 0);
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(Length - 4), 0);
    }

    public void Trailer() => BinaryPrimitives.WriteInt16BigEndian(Take(2), -1);

    public void Row(short columns) => BinaryPrimitives.WriteInt16BigEndian(Take(2), columns);

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);

    public void Uuid(Guid value)
    {
        var span = Field(16);
        value.TryWriteBytes(span, bigEndian: true, out _);
    }

    public void Text(string value)
    {
        Reserve(4 + Utf8.GetMaxByteCount(value.Length));
        var length = Utf8.GetBytes(value, _bytes.AsSpan(Length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_bytes.AsSpan(Length), length);
        Length += 4 + length;
    }

    public void Bytes(byte[] value) => value.CopyTo(Field(value.Length));

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void Boolean(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    /// <summary>As Npgsql: UTC only, and the extreme values as PostgreSQL's infinities.</summary>
    public void TimestampTz(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"A timestamp with time zone takes a UTC DateTime, not {value.Kind}.", nameof(value));
        }

        var microseconds = value == DateTime.MinValue ? long.MinValue
            : value == DateTime.MaxValue ? long.MaxValue
            : (value.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond;
        Int64(microseconds);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }

    // A column's length, then room for its value.
    private Span<byte> Field(int length)
    {
        var span = Take(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return span[4..];
    }

    private Span<byte> Take(int length)
    {
        Reserve(length);
        var span = _bytes.AsSpan(Length, length);
        Length += length;
        return span;
    }

    private void Reserve(int length)
    {
        if (Length + length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + length));
            _bytes.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
    }
}
