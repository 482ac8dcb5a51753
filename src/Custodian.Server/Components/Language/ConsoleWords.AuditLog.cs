namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>The audit-log viewer and the list filters' field errors.</summary>
    private static WordList AuditLog() => new()
    {
        // Audit log.
        ["Every use of personal data and every change, newest first. Your reading of the log is itself recorded."] =
            ("個人データのすべての利用と変更（新しい順）。このログの閲覧自体も記録されます。", "Cada uso de datos personales y cada cambio, del más reciente al más antiguo. Su lectura del registro también queda registrada."),
        ["Who"] = ("実行者", "Quién"),
        ["Anyone"] = ("すべて", "Cualquiera"),
        ["Event"] = ("イベント", "Evento"),
        ["From"] = ("開始日", "Desde"),
        ["Until"] = ("終了日", "Hasta"),
        ["Download these events as CSV"] = ("このイベントをCSVでダウンロード", "Descargar estos eventos en CSV"),
        ["No event matches these filters."] = ("この条件に合うイベントはありません。", "Ningún evento coincide con estos filtros."),
        ["When (UTC)"] = ("日時（UTC）", "Cuándo (UTC)"),
        ["Outcome"] = ("結果", "Resultado"),
        ["Reason"] = ("理由", "Motivo"),
        ["allowed"] = ("許可", "permitido"),
        ["refused"] = ("拒否", "denegado"),
        ["person's page"] = ("本人のページ", "página de la persona"),
        ["a staff account no longer held"] = ("存在しない職員アカウント", "una cuenta de personal que ya no existe"),
        ["an API token"] = ("APIトークン", "un token de API"),
        ["API token “{0}”"] = ("APIトークン「{0}」", "token de API «{0}»"),
        ["the person themselves"] = ("本人", "la propia persona"),
        ["the system"] = ("システム", "el sistema"),
        ["Any person"] = ("すべての本人", "Cualquier persona"),
        ["Events of {0}."] = ("{0} のイベント。", "Eventos de {0}."),
        ["the person chosen"] = ("選んだ本人", "la persona elegida"),
        ["an erased person"] = ("消去された本人", "una persona eliminada"),
        ["Show persons' names (each name shown is a read of that person, recorded like any other)"] =
            ("本人の氏名を表示する（表示する氏名ごとにその本人の閲覧として記録されます）", "Mostrar los nombres de las personas (cada nombre mostrado es una consulta de esa persona, registrada como cualquier otra)"),

        // Field errors.
        ["Enter a date as yyyy-mm-dd."] = ("日付は yyyy-mm-dd の形で入力してください。", "Escriba la fecha como aaaa-mm-dd."),
        ["The end comes before the start."] = ("終了が開始より前になっています。", "El final es anterior al inicio."),
        ["Choose a state from the list."] = ("一覧から状態を選んでください。", "Elija un estado de la lista."),
        ["This page link is damaged: start again from the first page."] = ("このページのリンクは壊れています。最初のページからやり直してください。", "El enlace de esta página está dañado: empiece de nuevo desde la primera página."),
        ["Choose a member of staff from the list."] = ("一覧から職員を選んでください。", "Elija a un miembro del personal de la lista."),
        ["Choose an event type from the list."] = ("一覧からイベントの種類を選んでください。", "Elija un tipo de evento de la lista."),
        ["This item is required."] = ("この項目は必須です。", "Este dato es obligatorio."),
        ["Enter an e-mail address."] = ("メールアドレスを入力してください。", "Escriba un correo electrónico."),
        ["Enter a telephone number."] = ("電話番号を入力してください（7〜15桁）。", "Escriba un teléfono (de 7 a 15 dígitos)."),
        ["Required."] = ("必須です。", "Obligatorio."),
        ["At most 2000 characters."] = ("2000文字以内で入力してください。", "Como máximo 2000 caracteres."),
        ["One of male, female, other, undisclosed."] = ("male、female、other、undisclosed のいずれかです。", "Uno de male, female, other, undisclosed."),
        ["Only a purpose of this channel that asks for consent."] = ("この取得経路の同意が必要な利用目的のみ選べます。", "Solo una finalidad de este canal que pide consentimiento."),
        ["Not a data item of this policy."] = ("このポリシーの項目ではありません。", "No es un dato de esta política."),
    };
}
