namespace Custodian.Server.Components.Language;

/// <summary>
/// The console's Japanese and Spanish, keyed by the English text the pages are written in. A text missing here is
/// shown in English, so a page is never blank for want of a translation. The words are kept by console area, one
/// file each; the last block here holds the messages of the services the pages call.
/// </summary>
internal static partial class ConsoleWords
{
    private static readonly WordList[] Blocks =
    [
        Home(), Persons(), AuditLog(), Anonymization(), Provision(), ProvisionLedgers(), Requests(), Inbox(), Retention(),
        Account(), Incidents(), IncidentNotices(), SafeManagement(), Limits(), ClientCompany(), Messages(),
    ];

    public static readonly IReadOnlyDictionary<string, (string Ja, string Es)> Table = WordList.Merge(Blocks);

    /// <summary>English texts written more than once across the blocks (the last one wins): a test keeps this empty.</summary>
    public static readonly IReadOnlyList<string> Duplicates = WordList.Repeated(Blocks);

    /// <summary>Messages of the services the pages call (field errors, refusals, what an action did).</summary>
    private static WordList Messages() => new()
    {
        ["Give the code from your authenticator app."] = ("認証アプリのコードを入力してください。", "Escribe el código de tu app de autenticación."),
        ["At most 16 characters."] = ("16文字以内で入力してください。", "Como máximo 16 caracteres."),
        ["Give the device a name."] = ("端末の名前を入力してください。", "Ponle un nombre al dispositivo."),
        ["The name is too long."] = ("名前が長すぎます。", "El nombre es demasiado largo."),
        ["Give your current password."] = ("現在のパスワードを入力してください。", "Escribe tu contraseña actual."),
        ["The password is too long."] = ("パスワードが長すぎます。", "La contraseña es demasiado larga."),
        ["Choose a new password."] = ("新しいパスワードを入力してください。", "Elige una contraseña nueva."),
        ["Give a user name."] = ("ユーザー名を入力してください。", "Escribe un nombre de usuario."),
        ["At most 64 characters."] = ("64文字以内で入力してください。", "Como máximo 64 caracteres."),
        ["Choose a role."] = ("役割を選択してください。", "Elige un rol."),
        ["Choose a staff account."] = ("従業者アカウントを選択してください。", "Elige una cuenta de personal."),
        ["Give the department a name."] = ("部署名を入力してください。", "Ponle un nombre al departamento."),
        ["At most 100 characters."] = ("100文字以内で入力してください。", "Como máximo 100 caracteres."),
        ["Give the date."] = ("日付を入力してください。", "Indica la fecha."),
        ["Choose a department."] = ("部署を選択してください。", "Elige un departamento."),
        ["Training recorded."] = ("教育の受講を記録しました。", "Capacitación registrada."),
        ["Pledge recorded."] = ("誓約書を記録しました。", "Compromiso registrado."),
        ["Department set."] = ("部署を設定しました。", "Departamento asignado."),
        ["Account networks saved."] = ("アカウントのネットワークを保存しました。", "Redes de la cuenta guardadas."),
        ["Responsible manager named."] = ("個人情報保護管理者を指名しました。", "Responsable designado."),
        ["Department created."] = ("部署を作成しました。", "Departamento creado."),
        ["Information manager named."] = ("情報管理責任者を指名しました。", "Responsable de información designado."),
        ["Account created."] = ("アカウントを作成しました。", "Cuenta creada."),
        ["Role changed."] = ("役割を変更しました。", "Rol cambiado."),
        ["Account deactivated."] = ("アカウントを無効にしました。", "Cuenta desactivada."),
        ["Account reactivated."] = ("アカウントを再び有効にしました。", "Cuenta reactivada."),
        ["View limits saved."] = ("閲覧制限を保存しました。", "Límites de vista guardados."),
        ["Role networks saved."] = ("役割のネットワークを保存しました。", "Redes del rol guardadas."),
        ["Device rule saved."] = ("端末の規則を保存しました。", "Regla de dispositivos guardada."),
        ["Review signed off."] = ("点検を完了しました。", "Revisión firmada."),
        ["Every session of this account has ended."] = ("このアカウントのすべてのセッションを終了しました。", "Se cerraron todas las sesiones de esta cuenta."),
        ["Two-step verification is reset; the account enrols again at its next sign-in."] = ("2段階認証をリセットしました。次回のサインイン時に再設定します。", "La verificación en dos pasos se restableció; la cuenta se vuelve a inscribir en su próximo inicio de sesión."),
        ["The device is approved."] = ("端末を承認しました。", "El dispositivo está aprobado."),
        ["The device is revoked."] = ("端末を取り消しました。", "El dispositivo está revocado."),
        ["Your role works only from a registered, approved device: register this one on your account page and have it approved."] = ("あなたの役割は、登録され承認された端末からのみ利用できます。アカウントページでこの端末を登録し、承認を受けてください。", "Tu rol solo trabaja desde un dispositivo registrado y aprobado: registra este en la página de tu cuenta y pide que lo aprueben."),
        ["The new password must differ from the current one."] = ("新しいパスワードは現在のものと異なる必要があります。", "La contraseña nueva debe ser distinta de la actual."),
        ["This account has no device with this id."] = ("このアカウントにこのIDの端末はありません。", "Esta cuenta no tiene ningún dispositivo con este id."),
        ["This device is registered for your account already."] = ("この端末はすでにあなたのアカウントに登録されています。", "Este dispositivo ya está registrado en tu cuenta."),
        ["A device is approved by someone other than its owner."] = ("端末の承認は所有者以外の人が行う必要があります。", "Un dispositivo lo aprueba alguien distinto de su dueño."),
        ["No staff account has this id."] = ("このIDの従業者アカウントはありません。", "Ninguna cuenta de personal tiene este id."),
        ["This password is too common or follows a pattern found in breached passwords; choose another."] = ("このパスワードはよく使われているか、漏えいしたパスワードに見られるパターンです。別のパスワードを選んでください。", "Esta contraseña es demasiado común o sigue un patrón de contraseñas filtradas; elige otra."),
        ["A password has 12 to 256 characters."] = ("パスワードは12～256文字で入力してください。", "Una contraseña tiene de 12 a 256 caracteres."),
        ["The code from the authenticator app is not right (each code works once), or the account is locked for a while."] = ("認証アプリのコードが正しくない（各コードは1回のみ有効）か、アカウントが一時的にロックされています。", "El código de la app de autenticación no es correcto (cada código sirve una vez), o la cuenta está bloqueada por un tiempo."),
        ["A user name has 1 to 64 letters, digits, '.', '-', '_' or '@'."] = ("ユーザー名は1～64文字の英数字、「.」「-」「_」「@」で入力してください。", "Un nombre de usuario tiene de 1 a 64 letras, dígitos, '.', '-', '_' o '@'."),
        ["No department has this id."] = ("このIDの部署はありません。", "Ningún departamento tiene este id."),
        ["One or more fields break a rule."] = ("入力内容に誤りがあります。", "Uno o más campos no cumplen una regla."),
        ["When the incident was learned of is required (date and time, ISO 8601)."] = ("覚知日時を入力してください（日付と時刻、ISO 8601）。", "Indica cuándo se conoció el incidente (fecha y hora, ISO 8601)."),
        ["The learning date cannot be in the future."] = ("覚知日時に未来の日時は指定できません。", "La fecha en que se conoció no puede estar en el futuro."),
        ["Who learned of it (a staff account id) is required."] = ("覚知した従業者を指定してください。", "Indica quién lo conoció (una cuenta de personal)."),
        ["What happened is required."] = ("事案の概要を入力してください。", "Describe qué ocurrió."),
        ["The count of affected persons cannot be negative."] = ("本人の数に負の値は指定できません。", "El número de personas afectadas no puede ser negativo."),
        ["One of: unknown, none, person-keys, key-encryption-key."] = ("一覧から選択してください。", "Elige una opción de la lista."),
        ["An override needs its reason."] = ("判定の変更には理由が必要です。", "Una modificación necesita su motivo."),
        ["No incident has this id or number."] = ("このIDまたは番号の事案はありません。", "Ningún incidente tiene este id o número."),
        ["No staff account, token, consignee or client company has this id."] = ("このIDの従業者アカウント、トークン、委託先または取引先企業はありません。", "Ninguna cuenta de personal, token, encargado o empresa cliente tiene este id."),
        ["The id of the token, consignee, account or company the step applies to is required."] = ("措置の対象（トークン、委託先、アカウントまたは企業）を選択してください。", "Elige el token, encargado, cuenta o empresa al que se aplica la medida."),
        ["The incident is closed; reopen it before taking a step from it."] = ("この事案は終了しています。措置を講じる前に再開してください。", "El incidente está cerrado; reábrelo antes de aplicar una medida desde él."),
        ["The incident is reportable and a report to the PPC is still due; record the preliminary and final reports before closing."] = ("この事案は報告対象で、個人情報保護委員会への報告が未了です。終了する前に速報と確報を記録してください。", "El incidente se debe informar y aún hay un informe pendiente ante la PPC; registra los informes preliminar y definitivo antes de cerrarlo."),
        ["The incident's persons are being notified by someone else; look at the record and notify again if needed."] = ("他の担当者が本人への通知を実行中です。記録を確認し、必要であれば改めて通知してください。", "Otra persona está avisando a las personas del incidente; revisa el registro y vuelve a avisar si hace falta."),
        ["No person of this incident is recorded as told by letter."] = ("この事案で書面により通知した本人の記録はありません。", "Ninguna persona de este incidente consta como avisada por carta."),
        ["This incident has no public notice in force."] = ("この事案には公表中の内容がありません。", "Este incidente no tiene ningún aviso público vigente."),
        ["Give the notice's text in at least one of ja, en, es."] = ("日本語・英語・スペイン語のいずれか1つ以上で本文を入力してください。", "Escribe el texto del aviso en al menos uno de ja, en, es."),
        ["This consignee holds no credential."] = ("この委託先は認証情報を保有していません。", "Este encargado no tiene ninguna credencial."),
        ["No consignee has this id."] = ("このIDの委託先はありません。", "Ningún encargado tiene este id."),
        ["The window's end (to) must be after its start (from)."] = ("終了は開始より後にしてください。", "El final del periodo (hasta) debe ser posterior a su inicio (desde)."),
        ["The window's end is before its start."] = ("終了が開始より前になっています。", "El final del periodo es anterior a su inicio."),
        ["The actor is staff:ID, token:ID, consignee:ID or company:ID, with the account's, token's, consignee's or company's id."] = ("行為者は staff:ID、token:ID、consignee:ID、company:ID のいずれかの形式で指定してください。", "El actor es staff:ID, token:ID, consignee:ID o company:ID, con el id de la cuenta, token, encargado o empresa."),
        ["The list names no person."] = ("一覧に本人が含まれていません。", "La lista no nombra a ninguna persona."),
        ["A department has a name of 1 to 100 characters."] = ("部署名は1～100文字で入力してください。", "Un departamento tiene un nombre de 1 a 100 caracteres."),
        ["Another department has this name."] = ("同じ名前の部署がすでにあります。", "Otro departamento ya tiene este nombre."),
        ["The information manager is not a staff account."] = ("情報管理責任者が従業者アカウントではありません。", "El responsable de información no es una cuenta de personal."),
        ["The responsible manager is not a staff account."] = ("個人情報保護管理者が従業者アカウントではありません。", "El responsable no es una cuenta de personal."),
        ["This account is active already."] = ("このアカウントはすでに有効です。", "Esta cuenta ya está activa."),
        ["This account is deactivated already."] = ("このアカウントはすでに無効です。", "Esta cuenta ya está desactivada."),
        ["An account cannot deactivate itself; ask another administrator."] = ("自分のアカウントは無効にできません。他の管理者に依頼してください。", "Una cuenta no puede desactivarse a sí misma; pídeselo a otro administrador."),
        ["This is the last active administrator; make another one first."] = ("最後の有効な管理者です。先に別の管理者を作成してください。", "Es el último administrador activo; crea otro primero."),
        ["Every key of views is an information category of a loaded policy."] = ("閲覧制限の区分は、読み込まれたポリシーの情報区分から選択してください。", "Cada clave de las vistas es una categoría de información de una política cargada."),
        ["A period is signed off once it has ended: to is before today."] = ("点検の完了は期間の終了後に行います（終了日は今日より前）。", "Un periodo se firma cuando ya terminó: la fecha final es anterior a hoy."),
        ["A review is signed off for one department."] = ("点検の完了は部署ごとに行います。", "Una revisión se firma para un solo departamento."),
        ["This department's review of this period is signed off already."] = ("この部署のこの期間の点検はすでに完了しています。", "La revisión de este periodo de este departamento ya está firmada."),
        ["Only the department's information manager signs its access review off."] = ("アクセスログの点検を完了できるのは、その部署の情報管理責任者のみです。", "Solo el responsable de información del departamento firma su revisión de accesos."),
        ["Access reviews are for administrators, the responsible manager and the department's information manager."] = ("アクセスログの点検は、管理者、個人情報保護管理者および部署の情報管理責任者が行います。", "Las revisiones de accesos son para los administradores, el responsable y el responsable de información del departamento."),
        ["No department has this name or id."] = ("この名前またはIDの部署はありません。", "Ningún departamento tiene este nombre o id."),
        ["The date cannot be in the future."] = ("未来の日付は指定できません。", "La fecha no puede estar en el futuro."),
        ["A role has 1 to 64 letters, digits, '-', '_' or '.'."] = ("役割は1～64文字の英数字、「-」「_」「.」で指定してください。", "Un rol tiene de 1 a 64 letras, dígitos, '-', '_' o '.'."),
        ["The user name, password or code is not right, or the account is locked for a while."] = ("ユーザー名、パスワードまたはコードが正しくないか、アカウントが一時的にロックされています。", "El nombre de usuario, la contraseña o el código no son correctos, o la cuenta está bloqueada por un tiempo."),
        // Joint users abroad (issue 22).
        ["Joint user whose staff holds the account"] = ("このアカウントを使う従業者の共同利用者", "Usuario conjunto al que pertenece el titular de la cuenta"),
        ["None: the operator's own staff"] = ("なし（当社の従業者）", "Ninguno: personal del propio operador"),
        ["The account's sessions end. A read by the staff of a joint user abroad is recorded as a transfer abroad."] =
            ("このアカウントのセッションは終了します。外国にある共同利用者の従業者による閲覧は、外国への提供として記録されます。", "Las sesiones de la cuenta terminan. Una lectura del personal de un usuario conjunto en el extranjero se registra como transferencia al extranjero."),
        ["Set joint user"] = ("共同利用者を設定", "Asignar usuario conjunto"),
        ["Joint user set."] = ("共同利用者を設定しました。", "Usuario conjunto asignado."),
        ["access through Custodian"] = ("Custodianでの閲覧", "acceso a través de Custodian"),
        ["joint user abroad ({0}), for {1}"] = ("外国にある共同利用者（{0}）、利用目的 {1}", "usuario conjunto en el extranjero ({0}), para {1}"),
        ["At most 1000 characters."] = ("1000文字以内で入力してください。", "Como máximo 1000 caracteres."),
        ["Policy versions"] = ("ポリシーの版", "Versiones de la política"),
        ["Each loaded version of each policy and what it changed from the one before. Persons under an earlier version are told of a new one: by e-mail where an address is held, otherwise on the list below for the operator. Nobody is told twice."] =
            ("読み込まれている各ポリシーの各版と、前の版からの変更点です。以前の版のもとにある本人には新しい版を通知します。メールアドレスを保有している場合はメールで、それ以外は下の一覧で事業者が通知します。同じ人に二度通知することはありません。",
                "Cada versión cargada de cada política y lo que cambió respecto de la anterior. A las personas con una versión anterior se les informa de la nueva: por correo electrónico si se tiene su dirección, si no en la lista de abajo para el operador. Nadie recibe el aviso dos veces."),
        ["Version {0}: {1} e-mailed, {2} on the list, {3} told before."] = ("版 {0}：メール {1} 件、一覧 {2} 件、通知済み {3} 件。", "Versión {0}: {1} por correo, {2} en la lista, {3} ya avisadas."),
        ["Not reachable: {0}"] = ("通知できなかった本人：{0}", "No se pudo avisar: {0}"),
        ["Versions: {0}"] = ("版：{0}", "Versiones: {0}"),
        ["Version {0}"] = ("版 {0}", "Versión {0}"),
        ["Effective {0}; previous version {1}"] = ("施行日 {0}・前の版 {1}", "Vigente desde {0}; versión anterior {1}"),
        ["It adds purposes or recipients: persons under an earlier version must agree before those uses."] =
            ("利用目的または提供先を追加する版です。以前の版のもとにある本人は、その利用の前に同意が必要です。", "Añade propósitos o destinatarios: las personas con una versión anterior deben aceptarla antes de esos usos."),
        ["Tell the persons under an earlier version"] = ("以前の版のもとにある本人に通知する", "Avisar a las personas con una versión anterior"),
        ["Address"] = ("住所", "Domicilio"),
    };
}
