namespace Custodian.Policy.Notices;

/// <summary>
/// What a draft translation says about itself: it was made here, the operator has not approved it, and it is not the binding
/// version, whatever the policy says about the language it is written in.
/// </summary>
internal static class DraftBanner
{
    public static string For(string language) => language switch
    {
        "ja" => "この日本語の文章は、本サイトで作成した非公式の翻訳案です。事業者が承認した文章ではなく、法的拘束力のある版でもありません。事業者が承認した文章：",
        "es" => "Este texto en español es un borrador de traducción no oficial preparado para este sitio. El operador no lo ha aprobado y no es la versión jurídicamente vinculante. Texto aprobado por el operador:",
        _ => "This text is an unofficial draft translation prepared for this site. The operator has not approved it, and it is not the legally binding version. The operator's approved text:",
    };
}
