namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>The client company's pages: the candidates provided to it.</summary>
    private static WordList ClientCompany() => new()
    {
        ["Candidates provided"] = ("提供された求職者", "Candidatos suministrados"),
        ["Candidates provided to your company"] = ("貴社に提供された求職者", "Candidatos suministrados a su empresa"),
        ["Nothing has been provided to your company."] = ("貴社に提供されたものはまだありません。", "Aún no se ha suministrado nada a su empresa."),
        ["Candidate {0}"] = ("求職者 {0}", "Candidato {0}"),
        ["withdrawn ({0}): do not use further"] = ("取り下げ済み（{0}）：今後は利用しないでください", "retirado ({0}): no lo siga usando"),
        ["the candidate withdrew"] = ("求職者による取り下げ", "el candidato se retiró"),
        ["provision stopped at the candidate's request"] = ("求職者の請求による提供停止", "suministro detenido a petición del candidato"),
        ["Items provided on {0}"] = ("{0} に提供された項目", "Datos suministrados el {0}"),
        ["How these data were obtained"] = ("これらのデータの取得の経緯", "Cómo se obtuvieron estos datos"),
    };
}
