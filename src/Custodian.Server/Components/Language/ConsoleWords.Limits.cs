namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>
    /// The services' messages that state a limit. Each is looked up with its numbers as {0}, {1}… (see
    /// <see cref="ConsoleText"/>), so the words hold whatever the limit is set to.
    /// </summary>
    private static WordList Limits() => new()
    {
        ["A review covers at most {0} days."] = ("点検の期間は{0}日以内で指定してください。", "Una revisión abarca como máximo {0} días."),
        ["A device has a name of {0} to {1} characters, such as \"Office laptop\"."] =
            ("端末の名前は{0}～{1}文字で入力してください（例：「事務所のノートPC」）。", "Un dispositivo tiene un nombre de {0} a {1} caracteres, como \"Portátil de la oficina\"."),
        ["Name the affiliate company ({0} to {1} characters)."] = ("提供先のグループ会社名を入力してください（{0}～{1}文字）。", "Escriba el nombre de la filial (de {0} a {1} caracteres)."),
        ["At most {0} characters."] = ("{0}文字以内で入力してください。", "Como máximo {0} caracteres."),
        ["A reason is at most {0} characters."] = ("理由は{0}文字以内で入力してください。", "Un motivo tiene como máximo {0} caracteres."),
        ["A list of {0} to {1} person ids."] = ("本人IDの一覧は{0}～{1}件です。", "Una lista de {0} a {1} ids de persona."),
        ["The list has more than {0} lines."] = ("一覧が{0}行を超えています。", "La lista tiene más de {0} líneas."),
        ["name needs {0} to {1} characters."] = ("会社名は{0}～{1}文字で入力してください。", "El nombre necesita de {0} a {1} caracteres."),
        ["industry needs {0} to {1} characters."] = ("業種は{0}～{1}文字で入力してください。", "El sector necesita de {0} a {1} caracteres."),
        ["document needs {0} to {1} characters."] = ("文書の参照番号は{0}～{1}文字で入力してください。", "La referencia del documento necesita de {0} a {1} caracteres."),
        // Its example addresses hold digits too, so it is kept whole.
        ["Networks are at most 50 CIDR ranges such as 203.0.113.0/24 or 2001:db8::/32."] =
            ("ネットワークは50件以内のCIDR範囲で指定してください（例：203.0.113.0/24、2001:db8::/32）。", "Las redes son como máximo 50 rangos CIDR, como 203.0.113.0/24 o 2001:db8::/32."),
        ["The person in this link is not valid: find the person again."] =
            ("このリンクの本人は無効です。本人を探し直してください。", "La persona de este enlace no es válida: búsquela de nuevo."),
        ["The company in this link is not valid: choose the company again."] =
            ("このリンクの企業は無効です。企業を選び直してください。", "La empresa de este enlace no es válida: elíjala de nuevo."),
    };
}
