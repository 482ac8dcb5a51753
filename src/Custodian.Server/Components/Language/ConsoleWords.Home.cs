namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>The layout, navigation and the home dashboard.</summary>
    private static WordList Home() => new()
    {
        // Layout and navigation.
        ["Home"] = ("ホーム", "Inicio"),
        ["Persons"] = ("本人", "Personas"),
        ["Anonymization"] = ("匿名加工", "Anonimización"),
        ["Statistics"] = ("統計", "Estadísticas"),
        ["Inquiries"] = ("お問い合わせ", "Consultas"),
        ["Provision"] = ("第三者提供", "Suministro"),
        ["Requests"] = ("開示等の請求", "Solicitudes"),
        ["Account"] = ("アカウント", "Cuenta"),
        ["Safe management"] = ("安全管理措置", "Gestión de seguridad"),
        ["Access review"] = ("アクセスログ点検", "Revisión de accesos"),
        ["Retention"] = ("保存期間", "Conservación"),
        ["Audit log"] = ("監査ログ", "Registro de auditoría"),
        ["Sign out"] = ("サインアウト", "Cerrar sesión"),
        ["Language"] = ("言語", "Idioma"),
        ["Console"] = ("コンソール", "Consola"),
        ["Privacy centre"] = ("プライバシーセンター", "Centro de privacidad"),
        ["Page not found"] = ("ページが見つかりません", "Página no encontrada"),
        ["There is no page at this address. It may have been mistyped, or what it showed no longer exists."] =
            ("このアドレスのページはありません。入力の誤りか、表示していたものが既に存在しない可能性があります。", "No hay ninguna página en esta dirección. Puede estar mal escrita, o lo que mostraba ya no existe."),

        // Home dashboard.
        ["Today"] = ("今日の業務", "Hoy"),
        ["Signed in as {0}."] = ("{0} としてサインインしています。", "Sesión iniciada como {0}."),
        ["Requests from people"] = ("本人からの請求", "Solicitudes de las personas"),
        ["Open"] = ("対応中", "Abiertas"),
        ["Due within 5 business days"] = ("5営業日以内に期限", "Vencen en 5 días hábiles"),
        ["At risk (2 business days)"] = ("期限間近（2営業日）", "En riesgo (2 días hábiles)"),
        ["Overdue"] = ("期限超過", "Vencidas"),
        ["Waiting for the person"] = ("本人の対応待ち", "Esperando a la persona"),
        ["Due later than 10 business days"] = ("期限まで10営業日超", "Vencen después de 10 días hábiles"),
        ["Due on this business day"] = ("この営業日に期限", "Vencen en este día hábil"),
        ["late"] = ("超過", "tarde"),
        ["Open requests by business days left before their deadline (today is 0)."] =
            ("期限までの残り営業日数ごとの対応中の請求（今日は0）。", "Solicitudes abiertas según los días hábiles que faltan para su plazo (hoy es 0)."),
        ["Today: {0}"] = ("今日：{0}", "Hoy: {0}"),
        ["{0} business day left"] = ("残り{0}営業日", "queda {0} día hábil"),
        ["{0} business days left"] = ("残り{0}営業日", "quedan {0} días hábiles"),
        ["{0} business days or more"] = ("{0}営業日以上", "{0} días hábiles o más"),
        ["Unanswered inquiry"] = ("件の未回答のお問い合わせ", "consulta sin responder"),
        ["Unanswered inquiries"] = ("件の未回答のお問い合わせ", "consultas sin responder"),
        ["oldest since {0}"] = ("最も古いもの：{0}", "la más antigua desde {0}"),
        ["Approvals waiting"] = ("承認待ち", "Aprobaciones pendientes"),
        ["provisions without consent to approve"] = ("件の同意のない提供の承認", "suministros sin consentimiento por aprobar"),
        ["provision without consent to approve"] = ("件の同意のない提供の承認", "suministro sin consentimiento por aprobar"),
        ["device to approve"] = ("件の端末の承認", "dispositivo por aprobar"),
        ["devices to approve"] = ("件の端末の承認", "dispositivos por aprobar"),
        ["Access reviews overdue"] = ("期限を過ぎたアクセスログ点検", "Revisiones de acceso atrasadas"),
        ["None overdue."] = ("期限超過はありません。", "Ninguna atrasada."),
        ["due {1}, {0} day overdue."] = ("期限 {1}、{0}日超過。", "vencía el {1}, {0} día de retraso."),
        ["due {1}, {0} days overdue."] = ("期限 {1}、{0}日超過。", "vencía el {1}, {0} días de retraso."),
        ["Review"] = ("点検する", "Revisar"),
        ["records due for disposal"] = ("件の廃棄期限を迎えた記録", "registros por eliminar"),
        ["{0} more within {1} days"] = ("{1}日以内にさらに{0}件", "{0} más en {1} días"),

        // The home dashboard's incidents (issue 20).
        ["Incidents"] = ("漏えい等事案", "Incidentes"),
        ["open incidents"] = ("件の対応中の事案", "incidentes abiertos"),
        ["Suspected, to assess"] = ("疑い（評価待ち）", "Sospechados, por evaluar"),
        ["Confirmed"] = ("確認済み", "Confirmados"),
        ["Preliminary report sent"] = ("速報済み", "Informe preliminar enviado"),
        ["Final report sent"] = ("確報済み", "Informe final enviado"),
        ["Reports to the PPC due"] = ("個人情報保護委員会への報告期限", "Informes a la PPC pendientes"),
        ["No report is due."] = ("期限の迫った報告はありません。", "No hay informes pendientes."),
        ["Incident {0}"] = ("事案 {0}", "Incidente {0}"),
        ["preliminary report (速報)"] = ("速報", "informe preliminar (速報)"),
        ["final report (確報)"] = ("確報", "informe final (確報)"),
        ["due {0}"] = ("期限 {0}", "vence el {0}"),
        ["overdue"] = ("期限超過", "vencido"),
        ["Mail outbox"] = ("メール送信キュー", "Bandeja de salida del correo"),
        ["No mail server is configured: messages wait in the outbox."] = ("メールサーバーが設定されていません。メッセージは送信待ちのまま保管されます。", "No hay servidor de correo configurado: los mensajes esperan en la bandeja de salida."),
        ["Waiting"] = ("送信待ち", "En espera"),
        ["Failed, to be retried"] = ("失敗（再送予定）", "Fallidos, se reintentarán"),
        ["Given up"] = ("送信断念", "Abandonados"),
    };
}
