namespace Custodian.Server.Components.Language;

internal static partial class ConsoleWords
{
    /// <summary>Your account, its sessions, devices and recovery codes.</summary>
    private static WordList Account() => new()
    {
        // Issue 21 (words-incidents): the incident, safe management and account pages.
        ["Account security"] = ("アカウントのセキュリティ", "Seguridad de la cuenta"),
        ["Account {0}"] = ("アカウント {0}", "Cuenta {0}"),
        ["(unknown account)"] = ("（不明なアカウント）", "(cuenta desconocida)"),
        ["Sessions"] = ("セッション", "Sesiones"),
        ["Sign this account out everywhere"] = ("このアカウントをすべての場所からサインアウトさせる", "Cerrar todas las sesiones de esta cuenta"),
        ["Two-step verification"] = ("2段階認証", "Verificación en dos pasos"),
        ["For a lost authenticator: removes the second factor and the recovery codes and ends every session. The account sets up a new authenticator at its next sign-in."] = ("認証アプリを紛失した場合に使います。第2要素とリカバリーコードを削除し、すべてのセッションを終了します。次回のサインイン時に新しい認証アプリを設定します。", "Para un autenticador perdido: elimina el segundo factor y los códigos de recuperación y cierra todas las sesiones. La cuenta configura un autenticador nuevo en su próximo inicio de sesión."),
        ["Reset two-step verification"] = ("2段階認証をリセットする", "Restablecer la verificación en dos pasos"),
        ["Devices"] = ("端末", "Dispositivos"),
        ["Device"] = ("端末", "Dispositivo"),
        ["Registered (UTC)"] = ("登録日時（UTC）", "Registrado (UTC)"),
        ["Status"] = ("状態", "Estado"),
        ["(this device)"] = ("（この端末）", "(este dispositivo)"),
        ["waiting for approval"] = ("承認待ち", "en espera de aprobación"),
        ["approved"] = ("承認済み", "aprobado"),
        ["Approve"] = ("承認する", "Aprobar"),
        ["Revoke"] = ("取り消す", "Revocar"),
        ["Your account"] = ("あなたのアカウント", "Tu cuenta"),
        ["Signs out every browser where this account is signed in, this one too."] = ("このアカウントでサインインしているすべてのブラウザ（このブラウザを含む）からサインアウトします。", "Cierra la sesión en todos los navegadores donde esta cuenta tiene sesión iniciada, incluido este."),
        ["Sign out everywhere"] = ("すべての場所からサインアウトする", "Cerrar sesión en todas partes"),
        ["Recovery codes"] = ("リカバリーコード", "Códigos de recuperación"),
        ["unused recovery codes. New ones replace them all."] = ("個の未使用のリカバリーコードがあります。新しく発行するとすべて置き換わります。", "códigos de recuperación sin usar. Los nuevos los reemplazan todos."),
        ["Code from your authenticator app"] = ("認証アプリのコード", "Código de tu app de autenticación"),
        ["Make new recovery codes"] = ("リカバリーコードを再発行する", "Generar códigos de recuperación nuevos"),
        ["Register this browser as one of your devices. It counts once an administrator or your department's information manager approves it."] = ("このブラウザをあなたの端末として登録します。管理者または所属部署の情報管理責任者が承認すると有効になります。", "Registra este navegador como uno de tus dispositivos. Cuenta en cuanto un administrador o el responsable de información de tu departamento lo apruebe."),
        ["Name of this device"] = ("この端末の名前", "Nombre de este dispositivo"),
        ["Register this device"] = ("この端末を登録する", "Registrar este dispositivo"),
        ["Devices waiting for your approval"] = ("あなたの承認を待っている端末", "Dispositivos en espera de tu aprobación"),
        ["Password"] = ("パスワード", "Contraseña"),
        ["Your account still has the initial password it was created with. Choose your own before going on."] = ("アカウントは作成時の初期パスワードのままです。続ける前にご自身のパスワードを設定してください。", "Tu cuenta todavía tiene la contraseña inicial con la que se creó. Elige la tuya antes de continuar."),
        ["Password changed. Your other sessions have ended."] = ("パスワードを変更しました。他のセッションは終了しました。", "Contraseña cambiada. Tus otras sesiones se cerraron."),
        ["Current password"] = ("現在のパスワード", "Contraseña actual"),
        ["New password ({0} or more characters, not a common one)"] = ("新しいパスワード（{0}文字以上、よく使われるものは不可）", "Contraseña nueva ({0} caracteres o más, que no sea común)"),
        ["Change password"] = ("パスワードを変更する", "Cambiar la contraseña"),
        ["Devices waiting for approval"] = ("承認待ちの端末", "Dispositivos en espera de aprobación"),
        ["No device waits for your approval."] = ("あなたの承認を待っている端末はありません。", "Ningún dispositivo espera tu aprobación."),
        ["Keep these recovery codes somewhere safe, apart from your phone. Each one signs you in once in place of an authenticator code. They are shown only now."] = ("これらのリカバリーコードはスマートフォンとは別の安全な場所に保管してください。各コードは認証アプリのコードの代わりに1回だけサインインに使えます。表示されるのは今回限りです。", "Guarda estos códigos de recuperación en un lugar seguro, separado de tu teléfono. Cada uno sirve una sola vez para iniciar sesión en lugar de un código del autenticador. Solo se muestran ahora."),
        ["Signed in (UTC)"] = ("サインイン日時（UTC）", "Inicio de sesión (UTC)"),
        ["Last used (UTC)"] = ("最終利用日時（UTC）", "Último uso (UTC)"),
        ["Browser"] = ("ブラウザ", "Navegador"),
        ["this session"] = ("このセッション", "esta sesión"),
    };
}
