namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>Anonymized releases and statistics.</summary>
    private static WordList Anonymization() => new()
    {
        // Anonymization, provision, the person picker and request words (issue 21, console-finish).
        ["Release"] = ("匿名加工情報の作成", "Entrega"),
        ["Release of {0}"] = ("{0} に作成した匿名加工情報", "Entrega del {0}"),
        ["Policy {0}, version {1}, created {2} UTC."] = ("ポリシー {0}（版 {1}）、作成 {2} UTC。", "Política {0}, versión {1}, creada el {2} UTC."),
        ["Persons considered {0}, included {1}, left out {2}."] = ("対象の本人 {0}人、うち含めた {1}人、除外 {2}人。", "Personas consideradas {0}, incluidas {1}, excluidas {2}."),
        ["Released rows (CSV, API token)"] = ("作成した行（CSV、APIトークンが必要）", "Filas entregadas (CSV, token de API)"),
        ["Processing standards"] = ("加工の基準", "Criterios de tratamiento"),
        ["Provisions"] = ("提供", "Suministros"),
        ["Choose…"] = ("選んでください…", "Elija…"),
        ["Method of provision"] = ("提供の方法", "Método de suministro"),
        ["Record provision"] = ("提供を記録する", "Registrar el suministro"),
        ["use suspended at the person's request"] = ("本人の求めにより利用停止", "uso suspendido a petición de la persona"),
        ["no consent"] = ("同意なし", "sin consentimiento"),
        ["other reasons"] = ("その他の理由", "otros motivos"),
        ["Choose the recipient."] = ("提供先を選んでください。", "Elija el destinatario."),
        ["Choose the method of provision."] = ("提供の方法を選んでください。", "Elija el método de suministro."),
        ["Statistics in unidentifiable form"] = ("個人を識別できない形の統計", "Estadísticas en forma no identificable"),
        ["Statistics by"] = ("統計の切り口", "Estadísticas por"),
        ["Cells counting fewer than {0} persons are shown as “<{0}”. Persons left out (erased or use suspended): {1}."] = ("{0}人未満のセルは「<{0}」と表示します。除外した本人（消去済み・利用停止）：{1}人。", "Las celdas con menos de {0} personas se muestran como «<{0}». Personas excluidas (borradas o con uso suspendido): {1}."),
        ["Persons by {0}"] = ("{0}別の本人数", "Personas por {0}"),
        ["age band"] = ("年齢層", "franja de edad"),
        ["sex"] = ("性別", "sexo"),
        ["career"] = ("経歴", "trayectoria"),
        ["state of residence"] = ("居住する州", "estado de residencia"),
        ["Anonymized releases"] = ("匿名加工情報", "Entregas anonimizadas"),
        ["Releases of anonymized processed information"] = ("匿名加工情報の作成と提供", "Entregas de información procesada anonimizada"),
        ["k (each released row shares its items with at least k − 1 others)"] = ("k（各行は少なくとも k − 1 件の他の行と項目が一致します）", "k (cada fila comparte sus datos con al menos k − 1 otras)"),
        ["Enter a whole number."] = ("整数を入力してください。", "Escriba un número entero."),
        ["Suppression limit (share of rows, 0 to 1)"] = ("削除の上限（行の割合、0〜1）", "Límite de supresión (proporción de filas, de 0 a 1)"),
        ["Enter a number between 0 and 1."] = ("0から1までの数を入力してください。", "Escriba un número entre 0 y 1."),
        ["Preview the release"] = ("作成前に確認する", "Previsualizar la entrega"),
        ["Preview: nothing is published yet"] = ("確認：まだ何も公表されていません", "Vista previa: aún no se ha publicado nada"),
        ["Rows (persons)"] = ("行数（本人）", "Filas (personas)"),
        ["Classes"] = ("同一の組の数", "Clases"),
        ["Suppressed rows"] = ("削除した行", "Filas suprimidas"),
        ["Cells fully generalised"] = ("完全に一般化されたセル", "Celdas generalizadas por completo"),
        ["I have checked this preview"] = ("この確認内容を確かめました", "He revisado esta vista previa"),
        ["Publish it although it is useless"] = ("役に立たないことを承知で公表する", "Publicarla aunque no sea útil"),
        ["Publish the release"] = ("作成して公表する", "Publicar la entrega"),
        ["The release is published: open its report."] = ("作成し公表しました：報告を開く。", "La entrega está publicada: abra su informe."),
        ["Created"] = ("作成日時", "Creada"),
        ["Included"] = ("含めた本人", "Incluidas"),
        ["Left out"] = ("除外した本人", "Excluidas"),
        ["This release would be useless: every row is suppressed or every item is generalised to “*”. Lower k, allow more suppression, or wait for more persons."] = ("この匿名加工情報は役に立ちません：すべての行が削除されるか、すべての項目が「*」に一般化されます。kを下げるか、削除の上限を上げるか、本人が増えるのを待ってください。", "Esta entrega no sería útil: se suprimen todas las filas o todos los datos se generalizan a «*». Reduzca k, permita más supresión o espere a tener más personas."),
        ["This release would tell little: {0} of its cells are fully generalised ({1})."] = ("この匿名加工情報から分かることはわずかです：セルの {0} が完全に一般化されています（{1}）。", "Esta entrega diría poco: el {0} de sus celdas está generalizado por completo ({1})."),
        ["k must be a whole number of at least 2."] = ("kは2以上の整数です。", "k debe ser un número entero de al menos 2."),
        // Follow-ups of issue 22: statistics for a catch-all purpose are counted for a stated reason.
        ["Count with this reason"] = ("この理由で集計する", "Contar con este motivo"),
    };
}
