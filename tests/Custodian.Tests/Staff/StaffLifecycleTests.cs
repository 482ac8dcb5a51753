using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Staff;

public sealed class StaffLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<StaffAccount> AdministratorAsync(StaffHarness staff, string name) =>
        (await staff.Accounts.CreateAsync(Actor.System, name, "correct horse battery", StaffRoles.Administrator, Ct)).Value!;

    [Fact]
    public async Task The_last_active_administrator_can_be_neither_deactivated_nor_given_another_role()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var only = await AdministratorAsync(staff, "admin.one");
        var lifecycle = staff.Get<StaffLifecycle>();

        Assert.Equal("staff.last-administrator", (await lifecycle.DeactivateAsync(Actor.System, only.Id, Ct))?.Code);
        Assert.Equal("staff.last-administrator", (await lifecycle.SetRoleAsync(Actor.System, only.Id, "recruiter", Ct)).Failure?.Code);

        var reloaded = await staff.ReloadAsync(only.Id);
        Assert.Equal((StaffRoles.Administrator, (DateTime?)null), (reloaded.Role, reloaded.DeactivatedAt));
    }

    [Fact]
    public async Task With_a_second_administrator_the_first_can_be_deactivated()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var first = await AdministratorAsync(staff, "admin.one");
        var second = await AdministratorAsync(staff, "admin.two");
        var lifecycle = staff.Get<StaffLifecycle>();

        Assert.Null(await lifecycle.DeactivateAsync(new Actor(ActorKind.Staff, second.Id, StaffRoles.Administrator), first.Id, Ct));

        Assert.Equal("staff.last-administrator", (await lifecycle.DeactivateAsync(Actor.System, second.Id, Ct))?.Code);
    }

    [Fact]
    public async Task Deactivation_revokes_the_api_tokens_the_account_created_and_no_others()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var leaver = await staff.CreateAccountAsync("leaver.one");
        var tokens = new ApiTokens(staff.Get<IDbContextFactory<CustodianDb>>(), staff.Audit, staff.Time);
        var theirs = (await tokens.CreateAsync(new Actor(ActorKind.Staff, leaver.Id, "recruiter"), "their-sync", [Permissions.PersonsRead], [], Ct)).Value.Token;
        var system = (await tokens.CreateAsync(Actor.System, "crm-sync", [Permissions.PersonsRead], [], Ct)).Value.Token;

        Assert.Null(await staff.Get<StaffLifecycle>().DeactivateAsync(Actor.System, leaver.Id, Ct));

        var listed = await tokens.ListAsync(Ct);
        Assert.NotNull(listed.Single(t => t.Id == theirs.Id).RevokedAt);
        Assert.Null(listed.Single(t => t.Id == system.Id).RevokedAt);
    }

    [Fact]
    public async Task A_deactivated_account_is_refused_at_the_password_step_as_a_wrong_password_is()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, _) = await staff.CreateEnrolledAsync("leaver.two");
        Assert.Null(await staff.Get<StaffLifecycle>().DeactivateAsync(Actor.System, account.Id, Ct));

        var refused = await staff.SignIn.CheckPasswordAsync("leaver.two", "correct horse battery", Ct);

        Assert.Same(StaffSignIn.Refused, refused.Failure);
        var reloaded = await staff.ReloadAsync(account.Id);
        Assert.True(reloaded.TotpEnrolled);
    }
}
