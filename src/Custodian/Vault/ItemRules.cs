using System.Globalization;
using System.Net.Mail;
using Custodian.Policy;

namespace Custodian.Vault;

/// <summary>Checks submitted items against the policy: known items, required items of the channel's purposes, and each item's type.</summary>
internal static class ItemRules
{
    public const int MaxLength = 2000;

    private static readonly System.Buffers.SearchValues<char> TelephoneChars = System.Buffers.SearchValues.Create("0123456789 +-().");

    public static Dictionary<string, string[]> Check(PrivacyPolicy policy, IReadOnlyDictionary<string, string?> items, IEnumerable<string> requiredItems, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (id, value) in items)
        {
            var item = policy.FindItem(id);
            if (item is null)
            {
                errors["items." + id] = [$"item.unknown: '{Short(id)}' is not a data item of policy {policy.Id}."];
            }
            else if (value is not null && CheckValue(item, value.Trim(), today) is { } problem)
            {
                errors["items." + id] = [problem];
            }
        }

        foreach (var id in requiredItems)
        {
            if (!items.TryGetValue(id, out var v) || string.IsNullOrWhiteSpace(v))
            {
                errors["items." + id] = [$"item.required: {id} is required for the purposes of this channel."];
            }
        }

        return errors;
    }

    public static string Normalize(DataItem item, string value) => item.Type switch
    {
        ItemType.Email => value.Trim().ToLowerInvariant(),
        ItemType.Telephone => NormalizePhone(value),
        ItemType.Sex => value.Trim().ToLowerInvariant(),
        _ => value.Trim(),
    };

    public static string NormalizePhone(string value)
    {
        var plus = value.TrimStart().StartsWith('+');
        return string.Create(Digits(value) + (plus ? 1 : 0), (value, plus), static (span, state) =>
        {
            var n = 0;
            if (state.plus)
            {
                span[n++] = '+';
            }

            foreach (var c in state.value)
            {
                if (char.IsAsciiDigit(c))
                {
                    span[n++] = c;
                }
            }
        });
    }

    private static string? CheckValue(DataItem item, string value, DateOnly today)
    {
        if (value.Length > MaxLength)
        {
            return $"item.too-long: at most {MaxLength} characters.";
        }

        return item.Type switch
        {
            ItemType.Email when !IsEmail(value) => "item.email: not a valid e-mail address.",
            ItemType.Telephone when Digits(value) is < 7 or > 15 || value.AsSpan().IndexOfAnyExcept(TelephoneChars) >= 0 =>
                "item.telephone: a telephone number has 7 to 15 digits, and only digits, spaces, + - ( ) and dots.",
            ItemType.Date => DateProblem(value, today),
            ItemType.Sex when value.ToLowerInvariant() is not ("male" or "female" or "other" or "undisclosed") =>
                "item.sex: one of male, female, other, undisclosed.",
            _ => null,
        };
    }

    private static string? DateProblem(string value, DateOnly today) =>
        !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? "item.date: a date is written yyyy-MM-dd."
        : date > today || date.Year < 1900 ? "item.date: the date must lie between 1900-01-01 and today."
        : null;

    private static int Digits(string value)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && value.AsSpan().Count('@') == 1 && !value.Any(char.IsWhiteSpace) &&
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.');

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
