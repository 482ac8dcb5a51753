namespace Custodian.Server.Components.Provision;

/// <summary>The words around the published advance notices of joint-use changes, in ja, en and es.</summary>
internal sealed record JointUseChangeLabels(string Title, string Intro, string None, string Announced, string TakesEffect, string InEffect, string Back)
{
    public static JointUseChangeLabels For(string language) => language switch
    {
        "en" => new("Changes to the joint use of Personal Data", "Changes to the joint users, the items shared or their purposes are announced here before they take effect.",
            "No change has been announced.", "Announced on", "Takes effect on", "In effect since", "The joint use as it stands"),
        "es" => new("Cambios en el uso compartido de Datos Personales", "Los cambios de los usuarios conjuntos, de los datos compartidos o de sus propósitos se anuncian aquí antes de que surtan efecto.",
            "No se ha anunciado ningún cambio.", "Anunciado el", "Surte efecto el", "En vigor desde el", "El uso compartido vigente"),
        _ => new("個人データの共同利用に関する変更のお知らせ", "共同利用者の範囲、共同利用する項目または利用目的の変更は、変更前にこのページでお知らせします。",
            "お知らせする変更はありません。", "お知らせ日", "変更日", "変更済み（変更日）", "現在の共同利用"),
    };
}
