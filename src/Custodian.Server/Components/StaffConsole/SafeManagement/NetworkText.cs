namespace Custodian.Server.Components.StaffConsole.SafeManagement;

/// <summary>An allow-list as typed in one text field: CIDR ranges separated by commas, spaces or new lines.</summary>
internal static class NetworkText
{
    public static List<string> Split(string? text) =>
        (text ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
