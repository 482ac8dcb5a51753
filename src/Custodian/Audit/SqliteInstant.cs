using System.Runtime.CompilerServices;
namespace Custodian.Audit;

/// <summary>
/// Parses "yyyy-MM-dd HH:mm:ss[.fffffff]" by position, from the UTF-8 SQLite stores (no transcoding on the audit walk);
/// anything else is left to the general parser.
/// </summary>
internal static class SqliteInstant
{
    public static long ParseTicks(ReadOnlySpan<byte> s) =>
        TryParseTicks(s, out var ticks) ? ticks : DateTime.Parse(System.Text.Encoding.UTF8.GetString(s), System.Globalization.CultureInfo.InvariantCulture).Ticks;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseTicks(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day) ||
            !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var fraction = 0;
        if (s.Length > 19)
        {
            var digits = s[20..];
            if (s[19] != '.' || digits.Length is 0 or > 7 || !Digits(digits, out fraction))
            {
                return false;
            }

            for (var i = digits.Length; i < 7; i++)
            {
                fraction *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
