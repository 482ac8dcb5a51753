using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Staff;

/// <summary>RFC 6238 time-based one-time passwords: HMAC-SHA1, 30-second steps, 6 digits.</summary>
internal static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;
    public const int SecretBytes = 20;

    /// <summary>Steps either side of now that are still accepted, for clocks that drift and people who type slowly.</summary>
    public const int Window = 1;

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, mac);
        var offset = mac[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step a code belongs to, when it is within the window around <paramref name="now"/> and later than
    /// <paramref name="lastAcceptedStep"/> (so a code is never accepted twice); otherwise null.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long lastAcceptedStep)
    {
        var typed = code?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (typed.Length != Digits || !typed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        var typedBytes = Encoding.ASCII.GetBytes(typed);
        long? matched = null;
        // Every candidate is computed and compared in fixed time, so timing does not tell which step matched.
        for (var step = current - Window; step <= current + Window; step++)
        {
            var same = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), typedBytes);
            if (same && step > lastAcceptedStep)
            {
                matched ??= step;
            }
        }

        return matched;
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The Key URI Format that authenticator apps read from the enrolment QR code.</summary>
    public static string EnrolmentUri(string issuer, string accountName, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(accountName)}" +
        $"?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
