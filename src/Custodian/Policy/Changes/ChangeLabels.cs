namespace Custodian.Policy.Changes;

/// <summary>The words of the changes page around what the policy says; names of purposes, items and joint users come from the policy.</summary>
public sealed record ChangeLabels(
    string Title, string Intro, string Version, string Effective, string FromStart, string Previous, string NoChanges, string Single, string NeedsAgreement,
    IReadOnlyDictionary<ChangeKind, string> Kinds, IReadOnlyDictionary<ChangeArea, string> Areas, IReadOnlyDictionary<RecordKind, string> Records)
{
    public static readonly IReadOnlyList<string> Languages = ["ja", "en", "es"];

    public static ChangeLabels For(string language) => language switch
    {
        "en" => English,
        "es" => Spanish,
        _ => Japanese,
    };

    private static readonly ChangeLabels Japanese = new(
        "プライバシーポリシーの変更履歴", "各版で変更された点を、前の版と比べて示します。", "版", "施行日", "当初から", "前の版", "前の版からの変更はありません。",
        "このポリシーの版は一つだけです。",
        "この版で追加された利用目的・提供先について、当社は新しい版にご同意いただくまでお客様の個人情報を利用・提供しません。",
        new Dictionary<ChangeKind, string> { [ChangeKind.Added] = "追加", [ChangeKind.Removed] = "削除", [ChangeKind.Changed] = "変更" },
        new Dictionary<ChangeArea, string>
        {
            [ChangeArea.Purpose] = "利用目的", [ChangeArea.PurposeItem] = "利用目的の項目", [ChangeArea.Item] = "取得する個人情報の項目",
            [ChangeArea.ClientCompanies] = "利用企業への提供", [ChangeArea.ClientCompanyItem] = "利用企業に提供する項目", [ChangeArea.JointUser] = "共同利用者",
            [ChangeArea.JointUseItem] = "共同利用する項目", [ChangeArea.JointUsePurpose] = "共同利用者の利用目的", [ChangeArea.Outsourcing] = "委託する業務の利用目的",
            [ChangeArea.AdvertisingPartner] = "広告配信事業者", [ChangeArea.Retention] = "保存期間",
        },
        new Dictionary<RecordKind, string>
        {
            [RecordKind.Persons] = "お客様の登録情報", [RecordKind.RequestForms] = "開示等の請求書", [RecordKind.IdentityDocuments] = "本人確認書類",
            [RecordKind.Inquiries] = "お問い合わせ", [RecordKind.CookieChoices] = "Cookieの選択", [RecordKind.ConsentLines] = "同意の記録",
            [RecordKind.ProvisionRecords] = "第三者提供の記録", [RecordKind.Releases] = "匿名加工情報", [RecordKind.AuditEvents] = "アクセス記録",
            [RecordKind.Sessions] = "セッション",
        });

    private static readonly ChangeLabels English = new(
        "Changes to the privacy policy", "What each version changed, compared with the version before it.", "Version", "Effective", "from the start",
        "Previous version", "Nothing changed from the previous version.", "This policy has one version only.",
        "We do not use or provide your personal data for the purposes or recipients this version adds until you agree to the new version.",
        new Dictionary<ChangeKind, string> { [ChangeKind.Added] = "Added", [ChangeKind.Removed] = "Removed", [ChangeKind.Changed] = "Changed" },
        new Dictionary<ChangeArea, string>
        {
            [ChangeArea.Purpose] = "Purpose of use", [ChangeArea.PurposeItem] = "Item used for a purpose", [ChangeArea.Item] = "Item of personal data",
            [ChangeArea.ClientCompanies] = "Provision to User Companies", [ChangeArea.ClientCompanyItem] = "Item provided to User Companies",
            [ChangeArea.JointUser] = "Joint user", [ChangeArea.JointUseItem] = "Item used jointly", [ChangeArea.JointUsePurpose] = "Purpose of the joint users",
            [ChangeArea.Outsourcing] = "Purpose of outsourced work", [ChangeArea.AdvertisingPartner] = "Advertising partner", [ChangeArea.Retention] = "Retention period",
        },
        new Dictionary<RecordKind, string>
        {
            [RecordKind.Persons] = "Your registration", [RecordKind.RequestForms] = "Request forms", [RecordKind.IdentityDocuments] = "Identity documents",
            [RecordKind.Inquiries] = "Inquiries", [RecordKind.CookieChoices] = "Cookie choices", [RecordKind.ConsentLines] = "Records of consent",
            [RecordKind.ProvisionRecords] = "Records of provision to third parties", [RecordKind.Releases] = "Anonymized processed information",
            [RecordKind.AuditEvents] = "Access records", [RecordKind.Sessions] = "Sessions",
        });

    private static readonly ChangeLabels Spanish = new(
        "Cambios en la política de privacidad", "Lo que cambió cada versión respecto de la anterior.", "Versión", "Vigente desde", "desde el inicio",
        "Versión anterior", "Nada cambió respecto de la versión anterior.", "Esta política tiene una sola versión.",
        "No usamos ni transmitimos sus datos personales para los propósitos o destinatarios que esta versión añade hasta que usted acepte la nueva versión.",
        new Dictionary<ChangeKind, string> { [ChangeKind.Added] = "Añadido", [ChangeKind.Removed] = "Eliminado", [ChangeKind.Changed] = "Modificado" },
        new Dictionary<ChangeArea, string>
        {
            [ChangeArea.Purpose] = "Propósito de uso", [ChangeArea.PurposeItem] = "Dato usado para un propósito", [ChangeArea.Item] = "Dato personal",
            [ChangeArea.ClientCompanies] = "Transmisión a Empresas Usuarias", [ChangeArea.ClientCompanyItem] = "Dato transmitido a Empresas Usuarias",
            [ChangeArea.JointUser] = "Usuario conjunto", [ChangeArea.JointUseItem] = "Dato de uso conjunto", [ChangeArea.JointUsePurpose] = "Propósito de los usuarios conjuntos",
            [ChangeArea.Outsourcing] = "Propósito del trabajo encargado", [ChangeArea.AdvertisingPartner] = "Socio publicitario", [ChangeArea.Retention] = "Plazo de conservación",
        },
        new Dictionary<RecordKind, string>
        {
            [RecordKind.Persons] = "Su registro", [RecordKind.RequestForms] = "Solicitudes", [RecordKind.IdentityDocuments] = "Documentos de identidad",
            [RecordKind.Inquiries] = "Consultas", [RecordKind.CookieChoices] = "Elecciones de cookies", [RecordKind.ConsentLines] = "Registros de consentimiento",
            [RecordKind.ProvisionRecords] = "Registros de transmisión a terceros", [RecordKind.Releases] = "Información procesada anonimizada",
            [RecordKind.AuditEvents] = "Registros de acceso", [RecordKind.Sessions] = "Sesiones",
        });
}
