namespace Custodian.Server.Components.Provision;

/// <summary>The headings of the joint-use notice in each language; everything under them comes from the policy.</summary>
internal sealed record JointUseLabels(string Title, string Members, string Items, string Purposes, string Methods, string Manager)
{
    public static JointUseLabels For(string language) => language switch
    {
        "en" => new("Sharing of Personal Data (joint use)", "Joint users", "Items shared", "Purposes of use of the joint users", "How the data are shared", "Responsible for managing the data"),
        "es" => new("Uso compartido de Datos Personales", "Usuarios conjuntos", "Datos compartidos", "Propósitos de uso de los usuarios conjuntos", "Forma de compartirlos", "Responsable de la gestión de los datos"),
        _ => new("個人情報の共同利用", "共同して利用する者の範囲", "共同利用する個人情報の項目", "共同利用する者の利用目的", "共同利用の方法", "管理について責任を有する者"),
    };
}
