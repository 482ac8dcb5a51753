namespace Custodian.Server.PrivacyCentre;

/// <summary>
/// The consent banner's own words (buttons, headings). What the categories are and who receives what
/// comes from the policy; these only frame it.
/// </summary>
internal sealed record ConsentBannerLabels(
    string Title, string Intro, string AcceptAll, string RejectAll, string Settings, string Save, string Close,
    string Always, string Partners, string OptOut, string Gpc, string Receipt, string Notice, string Failed)
{
    private static readonly ConsentBannerLabels Japanese = new(
        "Cookieとウェブビーコン", "当社は統計と広告のためにCookieやウェブビーコンを使用します。同意しない場合も本ウェブサイトはご利用いただけます。",
        "すべて同意する", "すべて拒否する", "設定", "選択を保存", "閉じる", "常に有効", "広告配信事業者", "オプトアウト",
        "グローバル・プライバシー・コントロールが有効なため、広告は拒否されています。", "受付番号", "個人情報の取り扱いについて", "選択を記録できませんでした。もう一度お試しください。");

    private static readonly ConsentBannerLabels English = new(
        "Cookies and web beacons", "We use cookies and web beacons for statistics and advertising. You can use this website without agreeing.",
        "Accept all", "Reject all", "Settings", "Save choices", "Close", "Always on", "Advertising partners", "Opt out",
        "Global Privacy Control is on, so advertising is refused.", "Receipt", "How we handle personal data", "Your choice could not be recorded. Please try again.");

    private static readonly ConsentBannerLabels Spanish = new(
        "Cookies y balizas web", "Usamos cookies y balizas web para estadísticas y publicidad. Puede usar este sitio web sin aceptarlas.",
        "Aceptar todo", "Rechazar todo", "Configuración", "Guardar selección", "Cerrar", "Siempre activas", "Socios publicitarios", "Exclusión",
        "El Control Global de Privacidad está activado, por lo que la publicidad se rechaza.", "Comprobante", "Cómo tratamos los datos personales", "No se pudo registrar su elección. Inténtelo de nuevo.");

    public static ConsentBannerLabels For(string language) => language switch
    {
        "ja" => Japanese,
        "es" => Spanish,
        _ => English,
    };
}
