namespace Custodian.Policy.Notices;

/// <summary>
/// The few words the page itself needs around the policy's lists (column names, markers). Everything the
/// policy says comes from the policy file; these only name its fields.
/// </summary>
internal sealed record NoticeLabels(
    string Items,
    string Required,
    string ConsentRequired,
    string Methods,
    string Industries,
    string Members,
    string Purposes,
    string ResponsibleManager,
    string AnonymizedItems,
    string RemovedItems,
    string Receives,
    string OptOut,
    string FreeOfCharge,
    string Address,
    string Email,
    string Telephone,
    string Fax,
    string Language,
    string Separator)
{
    private static readonly NoticeLabels Japanese = new("項目", "必須", "ご本人の同意が必要です", "提供方法", "提供先の業種", "共同利用者", "利用目的",
        "管理責任者", "匿名加工情報の項目", "削除する項目", "提供する情報", "オプトアウト", "手数料無料", "住所", "メールアドレス", "TEL", "FAX", "言語", "、");

    private static readonly NoticeLabels English = new("Items", "required", "Needs your consent", "Methods", "Industries", "Joint users", "Purposes",
        "Responsible manager", "Items of anonymized processed information", "Items removed", "Receives", "Opt out", "free of charge", "Address",
        "Email", "TEL", "FAX", "Language", ", ");

    private static readonly NoticeLabels Spanish = new("Datos", "obligatorio", "Requiere su consentimiento", "Formas de transmisión", "Industrias",
        "Usuarios conjuntos", "Propósitos", "Responsable", "Datos de la información procesada anonimizada", "Datos eliminados", "Recibe",
        "Exclusión", "sin costo", "Domicilio", "Correo electrónico", "TEL", "FAX", "Idioma", ", ");

    /// <summary>Labels for a language; a notice language without its own labels uses the English ones.</summary>
    public static NoticeLabels For(string language) => language switch
    {
        "ja" => Japanese,
        "es" => Spanish,
        _ => English,
    };
}
