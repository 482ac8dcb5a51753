using System.Globalization;
using System.Net.Mail;
using Custodian.Policy;

namespace Custodian.Vault;

/// <summary>Checks submitted items against the policy: known items, required items of the channel's purposes, and each item's type.</summary>
internal static class ItemRules
{
    public const int MaxLength = 2000;

    public static Dictionary<string, string[]> Check(PrivacyPolicy policy, IReadOnlyDictionary<string, string?> items, IEnumerable<string> requiredItems, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (id, value) in items)
        {
            var field = "items." + id;
            var item = policy.FindItem(id);
            if (item is null)
            {
                errors[field] = [$"item.unknown: '{Short(id)}' is not a data item of policy {policy.Id}."];
            }
            else if (value is not null && CheckValue(item, value.Trim(), today) is { } problem)
            {
                errors[field] = [problem];
            }
        }

        foreach (var id in requiredItems.Where(id => !items.TryGetValue(id, out var v) || string.IsNullOrWhiteSpace(v)))
        {
            errors["items." + id] = [$"item.required: {id} is required for the purposes of this channel."];
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

    public static string NormalizePhone(string value) =>
        (value.TrimStart().StartsWith('+') ? "+" : "") + new string(value.Where(char.IsAsciiDigit).ToArray());

    private static string? CheckValue(DataItem item, string value, DateOnly today)
    {
        if (value.Length > MaxLength)
        {
            return $"item.too-long: at most {MaxLength} characters.";
        }

        return item.Type switch
        {
            ItemType.Email when !IsEmail(value) => "item.email: not a valid e-mail address.",
            ItemType.Telephone when NormalizePhone(value).Count(char.IsAsciiDigit) is < 7 or > 15 || value.Any(c => !(char.IsAsciiDigit(c) || " +-().".Contains(c))) =>
                "item.telephone: a telephone number has 7 to 15 digits, and only digits, spaces, + - ( ) and dots.",
            ItemType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                "item.date: a date is written yyyy-MM-dd.",
            ItemType.Date when DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture) is var d && (d > today || d.Year < 1900) =>
                "item.date: the date must lie between 1900-01-01 and today.",
            ItemType.Sex when value.ToLowerInvariant() is not ("male" or "female" or "other" or "undisclosed") =>
                "item.sex: one of male, female, other, undisclosed.",
            _ => null,
        };
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && !value.Any(char.IsWhiteSpace) && value.Count(c => c == '@') == 1 &&
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.');

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
