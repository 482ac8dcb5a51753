using System.Text;
using Custodian.Common;

namespace Custodian.Staff;

/// <summary>
/// The password rule: 12 to 256 characters, and not a common or breached-pattern password. The list is kept in the
/// repository (<c>common-passwords.txt</c>); "P@ssw0rd2024!" is caught as "password" because digits and symbols
/// around a word and look-alike characters are normalised before the lookup.
/// </summary>
internal static class StaffPasswords
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static Failure? Check(string password)
    {
        if (password.Length is < StaffAccounts.MinPasswordLength or > StaffAccounts.MaxPasswordLength)
        {
            return Failure.Invalid("password", "staff.password-length", $"A password has {StaffAccounts.MinPasswordLength} to {StaffAccounts.MaxPasswordLength} characters.");
        }

        return IsCommon(password)
            ? Failure.Invalid("password", "staff.password-common", "This password is too common or follows a pattern found in breached passwords; choose another.")
            : null;
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() <= 2 || Common.Value.Contains(lower))
        {
            return true;
        }

        // Strip what people add around a word, undo look-alike letters, and drop repeats of the same word.
        var core = Normalise(lower.Trim("0123456789!@#$%^&*()_+-=.,?~ ".ToCharArray()));
        if (core.Length == 0 || Common.Value.Contains(core) || Common.Value.Contains(core.Replace(" ", "", StringComparison.Ordinal)))
        {
            return true;
        }

        for (var size = 1; size <= core.Length / 2; size++)
        {
            if (core.Length % size == 0 && core == string.Concat(Enumerable.Repeat(core[..size], core.Length / size)) && Common.Value.Contains(core[..size]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalise(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch { '@' or '4' => 'a', '0' => 'o', '1' or '!' => 'i', '3' => 'e', '$' or '5' => 's', '7' => 't', _ => c });
        }

        return builder.ToString();
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(StaffPasswords).Assembly.GetManifestResourceStream("Custodian.Staff.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
