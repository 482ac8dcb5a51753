namespace Custodian.Server.Components.PrivacyCentre;

/// <summary>
/// Why a field of a public form was not accepted, in the reader's language. The forms' validation attributes carry
/// these keys as their ErrorMessage, so no English sentence reaches a Japanese or Spanish page.
/// </summary>
internal static class CentreMessages
{
    public const string Required = "required";
    public const string TooLong = "too-long";
    public const string Email = "email";
    public const string Invalid = "invalid";

    private static readonly Dictionary<string, Dictionary<string, string>> Text = new(StringComparer.Ordinal)
    {
        ["ja"] = new(StringComparer.Ordinal)
        {
            [Required] = "この項目を入力してください。",
            [TooLong] = "入力が長すぎます。",
            [Email] = "メールアドレスの形式で入力してください。",
            [Invalid] = "入力内容をご確認ください。",
        },
        ["en"] = new(StringComparer.Ordinal)
        {
            [Required] = "Please fill in this field.",
            [TooLong] = "This is too long.",
            [Email] = "Please enter an e-mail address.",
            [Invalid] = "Please check what you entered.",
        },
        ["es"] = new(StringComparer.Ordinal)
        {
            [Required] = "Complete este campo.",
            [TooLong] = "El texto es demasiado largo.",
            [Email] = "Introduzca una dirección de correo electrónico.",
            [Invalid] = "Revise los datos introducidos.",
        },
    };

    public static string For(string language, string key)
    {
        var text = Text.GetValueOrDefault(language) ?? Text["ja"];
        return text.GetValueOrDefault(key) ?? text[Invalid];
    }
}
