using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class StaffDevicesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(StaffHarness Staff, Actor Owner, byte[] Secret)> RoleRequiringDevicesAsync()
    {
        var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();
        Assert.True((await staff.Get<SafeManagement>().SetRoleDevicesAsync(Actor.System, account.Role, true, Ct)).Succeeded);
        return (staff, new Actor(ActorKind.Staff, account.Id, account.Role), secret);
    }

    [Fact]
    public async Task An_unknown_or_unapproved_device_is_refused_and_audited_and_an_approved_one_is_allowed()
    {
        var (staff, owner, secret) = await RoleRequiringDevicesAsync();
        await using var _ = staff;
        var devices = staff.Get<StaffDevices>();
        var admin = new Actor(ActorKind.Staff, Guid.NewGuid(), StaffRoles.Administrator);

        Assert.False(await devices.IsAllowedAsync(owner, null, Ct));
        var registered = await devices.RegisterAsync(owner, " Office laptop ", staff.CodeNow(secret, 1), null, Ct);
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        var (device, identifier) = registered.Value;
        Assert.Equal("Office laptop", device.Name);
        Assert.False(await devices.IsAllowedAsync(owner, identifier, Ct));

        Assert.Null(await devices.ApproveAsync(admin, owner.Id, device.Id, Ct));

        Assert.True(await devices.IsAllowedAsync(owner, identifier, Ct));
        Assert.False(await devices.IsAllowedAsync(owner, "dev_" + new string('a', 43), Ct));
        Assert.Null(await devices.RevokeAsync(owner, owner.Id, device.Id, Ct));
        Assert.False(await devices.IsAllowedAsync(owner, identifier, Ct));
        Assert.Equal(4, (await staff.AuditAsync()).Count(e => e.Type == AuditEventType.DeviceRefused && e.Subject == owner.Id.ToString()));
    }

    [Fact]
    public async Task A_role_without_the_requirement_and_a_service_need_no_device()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var devices = staff.Get<StaffDevices>();

        Assert.True(await devices.IsAllowedAsync(new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter"), null, Ct));
        Assert.True(await devices.IsAllowedAsync(new Actor(ActorKind.Token, Guid.NewGuid(), "service"), null, Ct));
    }

    [Fact]
    public async Task Registration_wants_a_name_and_a_fresh_code_and_a_browser_is_registered_once_per_account()
    {
        var (staff, owner, secret) = await RoleRequiringDevicesAsync();
        await using var _ = staff;
        var devices = staff.Get<StaffDevices>();

        Assert.Equal("name", (await devices.RegisterAsync(owner, "", staff.CodeNow(secret, 1), null, Ct)).Failure!.Field);
        Assert.Equal("name", (await devices.RegisterAsync(owner, new string('n', StaffDevices.MaxNameLength + 1), staff.CodeNow(secret, 1), null, Ct)).Failure!.Field);
        Assert.Same(StaffSignIn.StepUpRefused, (await devices.RegisterAsync(owner, "Laptop", staff.CodeNow(secret), null, Ct)).Failure);
        var first = await devices.RegisterAsync(owner, "Laptop", staff.CodeNow(secret, 1), "not-a-device-identifier", Ct);
        Assert.StartsWith("dev_", first.Value.Identifier, StringComparison.Ordinal);
        staff.Time.Advance(TimeSpan.FromSeconds(30));

        var again = await devices.RegisterAsync(owner, "Laptop", staff.CodeNow(secret, 1), first.Value.Identifier, Ct);

        Assert.Equal("staff.device-registered", again.Failure!.Code);
    }

    [Fact]
    public async Task Only_an_administrator_or_the_departments_information_manager_approves_and_never_the_owner()
    {
        var (staff, owner, secret) = await RoleRequiringDevicesAsync();
        await using var _ = staff;
        var devices = staff.Get<StaffDevices>();
        var safety = staff.Get<SafeManagement>();
        var manager = await staff.CreateAccountAsync("manager.one");
        var department = await safety.CreateDepartmentAsync(Actor.System, "Recruiting", manager.Id, Ct);
        Assert.Null(await safety.AssignDepartmentAsync(Actor.System, owner.Id, department.Value!.Id, Ct));
        var device = (await devices.RegisterAsync(owner, "Laptop", staff.CodeNow(secret, 1), null, Ct)).Value.Device;
        var colleague = new Actor(ActorKind.Staff, Guid.NewGuid(), "recruiter");
        var managerActor = new Actor(ActorKind.Staff, manager.Id, manager.Role);

        Assert.Equal("staff.device-self-approval", (await devices.ApproveAsync(owner, owner.Id, device.Id, Ct))!.Code);
        Assert.Same(StaffDevices.NotApprover, await devices.ApproveAsync(colleague, owner.Id, device.Id, Ct));
        Assert.Same(StaffDevices.NotApprover, (await devices.ListAsync(colleague, owner.Id, null, Ct)).Failure);
        Assert.Single(await devices.PendingAsync(managerActor, Ct));
        Assert.Empty(await devices.PendingAsync(colleague, Ct));
        Assert.Null(await devices.ApproveAsync(managerActor, owner.Id, device.Id, Ct));
        Assert.Empty(await devices.PendingAsync(managerActor, Ct));
        Assert.Same(StaffDevices.UnknownDevice, await devices.ApproveAsync(managerActor, owner.Id, Guid.NewGuid(), Ct));
        Assert.Same(SafeManagement.UnknownAccount, await devices.ApproveAsync(managerActor, Guid.NewGuid(), device.Id, Ct));
    }
}
