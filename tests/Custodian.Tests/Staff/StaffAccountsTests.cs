using Custodian.Common;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.AspNetCore.Identity;

namespace Custodian.Tests.Staff;

public sealed class StaffAccountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Passwords_are_stored_as_Identity_v3_hashes_that_verify_only_the_right_password()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync(password: "correct horse battery");

        var stored = await staff.ReloadAsync(account.Id);

        Assert.DoesNotContain("horse", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored.PasswordHash)[0]);
        Assert.Equal(PasswordVerificationResult.Success, StaffAccounts.Hasher.VerifyHashedPassword(stored, stored.PasswordHash, "correct horse battery"));
        Assert.Equal(PasswordVerificationResult.Failed, StaffAccounts.Hasher.VerifyHashedPassword(stored, stored.PasswordHash, "correct horse batterY"));
    }

    [Theory]
    [InlineData("", "correct horse battery", "staff.user-name")]
    [InlineData("has space", "correct horse battery", "staff.user-name")]
    [InlineData("ünïcode", "correct horse battery", "staff.user-name")]
    [InlineData("ok.name", "too short", "staff.password-length")]
    public async Task Bad_user_names_and_passwords_are_refused_by_rule(string userName, string password, string code)
    {
        await using var staff = await StaffHarness.CreateAsync();

        var created = await staff.Accounts.CreateAsync(Actor.System, userName, password, "recruiter", Ct);

        Assert.Equal(code, created.Failure?.Code);
        Assert.DoesNotContain(password, created.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_account_with_the_same_user_name_is_a_conflict()
    {
        await using var staff = await StaffHarness.CreateAsync();
        await staff.CreateAccountAsync("same.name");

        var again = await staff.Accounts.CreateAsync(Actor.System, "same.name", "another long password", "recruiter", Ct);

        Assert.Equal(FailureKind.Conflict, again.Failure?.Kind);
    }

    [Fact]
    public async Task The_first_administrator_takes_the_password_from_the_environment_and_does_not_print_it()
    {
        await using var staff = await StaffHarness.CreateAsync();
        using var console = new StringWriter();

        Assert.True(await staff.Accounts.EnsureAdministratorAsync("preset password for admin", console, Ct));

        Assert.DoesNotContain("preset password", console.ToString(), StringComparison.Ordinal);
        Assert.Contains("CUSTODIAN_ADMIN_PASSWORD", console.ToString(), StringComparison.Ordinal);
        var id = (await staff.SignIn.CheckPasswordAsync(StaffAccounts.AdministratorName, "preset password for admin", Ct)).Value;
        Assert.Equal(StaffRoles.Administrator, (await staff.ReloadAsync(id)).Role);
    }

    [Fact]
    public async Task A_generated_administrator_password_is_printed_once_works_and_is_not_recreated()
    {
        await using var staff = await StaffHarness.CreateAsync();
        using var first = new StringWriter();
        using var second = new StringWriter();

        Assert.True(await staff.Accounts.EnsureAdministratorAsync(null, first, Ct));
        Assert.False(await staff.Accounts.EnsureAdministratorAsync(null, second, Ct));

        var password = first.ToString().Trim().Split(' ')[^1];
        Assert.True((await staff.SignIn.CheckPasswordAsync(StaffAccounts.AdministratorName, password, Ct)).Succeeded);
        Assert.Equal("", second.ToString());
        Assert.Single(await staff.AuditAsync(), e => e.Type == Custodian.Audit.AuditEventType.StaffCreated);
    }

    [Fact]
    public async Task No_administrator_is_created_when_staff_accounts_exist()
    {
        await using var staff = await StaffHarness.CreateAsync();
        await staff.CreateAccountAsync();
        using var console = new StringWriter();

        Assert.False(await staff.Accounts.EnsureAdministratorAsync("preset password for admin", console, Ct));
        Assert.False((await staff.SignIn.CheckPasswordAsync(StaffAccounts.AdministratorName, "preset password for admin", Ct)).Succeeded);
    }

    [Fact]
    public async Task A_too_short_preset_password_stops_the_start_without_echoing_it()
    {
        await using var staff = await StaffHarness.CreateAsync();
        using var console = new StringWriter();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => staff.Accounts.EnsureAdministratorAsync("short!", console, Ct));

        Assert.DoesNotContain("short!", error.Message, StringComparison.Ordinal);
        Assert.Equal("", console.ToString());
    }
}
