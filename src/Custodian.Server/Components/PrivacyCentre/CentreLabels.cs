namespace Custodian.Server.Components.PrivacyCentre;

/// <summary>The privacy centre's own words around the policy's (navigation, the contact form's fields).</summary>
internal sealed record CentreLabels(
    string Sections, string Notice, string JointUse, string Contact, string Language, string CookieSettings,
    string ContactTitle, string ContactPoints, string FormTitle, string Name, string Email, string Telephone, string Message, string Send,
    string MayContact, string Thanks, string Reference, string DayOff, string LeaveEmpty, string Requests)
{
    private static readonly CentreLabels Japanese = new(
        "プライバシーセンター", "個人情報の取り扱いについて", "共同利用について", "お問い合わせ", "言語", "Cookie設定",
        "お問い合わせ", "お問い合わせ窓口", "お問い合わせフォーム", "氏名", "メールアドレス", "電話番号（任意）", "お問い合わせ内容", "送信する",
        "お問い合わせ内容の確認のため、当社からご連絡させていただく場合があります。", "お問い合わせを受け付けました。", "受付番号",
        "本日は営業日ではないため、{0}以降に対応いたします。", "この欄は空のままにしてください", "開示等のご請求");

    private static readonly CentreLabels English = new(
        "Privacy centre", "How we handle personal data", "Joint use", "Contact", "Language", "Cookie settings",
        "Contact", "Contact points", "Contact form", "Name", "E-mail", "Telephone (optional)", "Your inquiry", "Send",
        "We may contact you to confirm the details of your inquiry.", "We have received your inquiry.", "Reference",
        "Today is not a business day: your inquiry will be handled on or after {0}.", "Leave this field empty", "Requests about your data");

    private static readonly CentreLabels Spanish = new(
        "Centro de privacidad", "Cómo tratamos los datos personales", "Uso conjunto", "Contacto", "Idioma", "Configuración de cookies",
        "Contacto", "Puntos de contacto", "Formulario de contacto", "Nombre", "Correo electrónico", "Teléfono (opcional)", "Su consulta", "Enviar",
        "Podemos ponernos en contacto con usted para confirmar los detalles de su consulta.", "Hemos recibido su consulta.", "Referencia",
        "Hoy no es día hábil: su consulta se atenderá a partir del {0}.", "Deje este campo vacío", "Solicitudes sobre sus datos");

    public static CentreLabels For(string language) => language switch
    {
        "ja" => Japanese,
        "es" => Spanish,
        _ => English,
    };

    // Each language is offered in its own name, so a reader finds theirs whatever the page is in.
    public static string LanguageName(string language) => language switch
    {
        "ja" => "日本語",
        "en" => "English",
        "es" => "Español",
        _ => language,
    };
}
