using System.Security.Cryptography;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Staff;

/// <summary>Creates staff accounts, and the first administrator when there is none.</summary>
internal sealed class StaffAccounts(IDbContextFactory<CustodianDb> factory, AuditLog audit, TimeProvider time, RoleCatalogue? roles = null)
{
    public const string AdministratorName = "admin";
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    internal static readonly PasswordHasher<StaffAccount> Hasher = new();

    /// <summary>
    /// Creates an account: the trusted path of the first start and of test harnesses (<see cref="StaffLifecycle"/> adds the
    /// administrator's rules). A role the catalogue does not know is refused here too: such an account could do nothing.
    /// </summary>
    public async Task<Result<StaffAccount>> CreateAsync(
        Actor actor, string userName, string password, string role, CancellationToken cancellationToken = default,
        Guid? departmentId = null, bool mustChangePassword = false)
    {
        var name = userName.Trim();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            return Failure.Invalid("userName", "staff.user-name", "A user name has 1 to 64 letters, digits, '.', '-', '_' or '@'.");
        }

        if (StaffPasswords.Check(password) is { } weak)
        {
            return weak;
        }

        if (roles is not null && roles.Find(role) is null)
        {
            return roles.Unknown;
        }

        if (string.IsNullOrWhiteSpace(role))
        {
            return Failure.Invalid("role", "staff.role", "A staff account needs a role.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<StaffAccount>().AnyAsync(a => a.UserName == name, cancellationToken))
        {
            return Failure.Conflict("staff.user-name-taken", "Another staff account has this user name.");
        }

        if (departmentId is { } d && !await db.Set<StaffDepartment>().AnyAsync(x => x.Id == d, cancellationToken))
        {
            return Failure.Invalid("departmentId", "staff.department-unknown", "No department has this id.");
        }

        var now = time.GetUtcNow();
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(now),
            UserName = name,
            Role = role,
            DepartmentId = departmentId,
            MustChangePassword = mustChangePassword,
            CreatedAt = now.UtcDateTime,
            UpdatedAt = now.UtcDateTime,
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.Add(account);
        List<AuditEntry> entries = [new AuditEntry(AuditEventType.StaffCreated, actor.AuditName, Subject: account.Id.ToString(), Reason: role)];
        if (departmentId is not null)
        {
            entries.Add(new AuditEntry(AuditEventType.StaffDepartmentSet, actor.AuditName, Subject: account.Id.ToString()));
        }

        try
        {
            await audit.CommitAsync(db, entries, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two creations of the same name raced; the unique index kept one.
            return Failure.Conflict("staff.user-name-taken", "Another staff account has this user name.");
        }

        return account;
    }

    /// <summary>
    /// At first start, creates <c>admin</c> with <paramref name="presetPassword"/> or a generated password
    /// that is written to <paramref name="console"/> this once. Returns false when staff accounts exist already.
    /// </summary>
    public async Task<bool> EnsureAdministratorAsync(string? presetPassword, TextWriter console, CancellationToken cancellationToken = default)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Set<StaffAccount>().AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        var generated = string.IsNullOrEmpty(presetPassword);
        var password = generated ? GeneratePassword() : presetPassword!;
        var created = await CreateAsync(Actor.System, AdministratorName, password, StaffRoles.Administrator, cancellationToken);
        if (!created.Succeeded)
        {
            // The detail names the rule, never the password.
            throw new InvalidOperationException($"The first administrator cannot be created: {created.Failure!.Detail}");
        }

        await console.WriteLineAsync(generated
            ? $"Custodian: created the administrator '{AdministratorName}'. Its password, shown only this once: {password}"
            : $"Custodian: created the administrator '{AdministratorName}' with the password from CUSTODIAN_ADMIN_PASSWORD.");
        await console.FlushAsync(cancellationToken);
        return true;
    }

    internal static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
