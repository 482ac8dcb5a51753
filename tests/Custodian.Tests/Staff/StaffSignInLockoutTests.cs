using Custodian.Audit;
using Custodian.Staff;
using Custodian.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Staff;

public sealed class StaffSignInLockoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Burst = 20;

    private static async Task<(StaffHarness Staff, RendezvousTime Clock)> CreateAsync()
    {
        RendezvousTime? clock = null;
        var staff = await StaffHarness.CreateAsync(services =>
        {
            var fake = (FakeTime)services.Last(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance!;
            clock = new RendezvousTime(fake);
            services.AddSingleton<TimeProvider>(clock);
        });
        return (staff, clock!);
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_lock_the_account_after_evaluating_five()
    {
        var (staff, clock) = await CreateAsync();
        await using var _ = staff;
        var account = await staff.CreateAccountAsync();

        var results = await clock.InParallelAsync(Burst, () => staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct));

        Assert.All(results, r => Assert.False(r.Succeeded));
        Assert.NotNull((await staff.ReloadAsync(account.Id)).LockedUntil);
        var reasons = (await staff.AuditAsync()).Where(e => e.Type == AuditEventType.StaffSignInFailed).Select(e => e.Reason).ToList();
        Assert.Equal(StaffSignIn.MaxFailures, reasons.Count(r => r == "staff.password"));
        Assert.Equal(Burst - StaffSignIn.MaxFailures, reasons.Count(r => r == "staff.locked-out"));
        Assert.False((await staff.SignIn.CheckPasswordAsync("recruiter.one", "correct horse battery", Ct)).Succeeded);
    }

    [Fact]
    public async Task Twenty_parallel_wrong_codes_evaluate_five_and_lock_the_account()
    {
        var (staff, clock) = await CreateAsync();
        await using var _ = staff;
        var (account, secret) = await staff.CreateEnrolledAsync();
        var wrong = Totp.Code(secret, Totp.StepAt(staff.Time.Now) + 10);

        var results = await clock.InParallelAsync(Burst, () => staff.SignIn.CompleteAsync(account.Id, wrong, Ct));

        Assert.All(results, r => Assert.False(r.Succeeded));
        var reasons = (await staff.AuditAsync()).Where(e => e.Type == AuditEventType.StaffSignInFailed).Select(e => e.Reason).ToList();
        Assert.Equal(StaffSignIn.MaxFailures, reasons.Count(r => r == "staff.totp-code"));
        Assert.NotNull((await staff.ReloadAsync(account.Id)).LockedUntil);
        staff.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.False((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret), Ct)).Succeeded);
    }

    [Fact]
    public async Task A_right_password_does_not_clear_the_count_of_wrong_codes()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();
        var wrong = Totp.Code(secret, Totp.StepAt(staff.Time.Now) + 10);

        for (var i = 0; i < StaffSignIn.MaxFailures; i++)
        {
            Assert.True((await staff.SignIn.CheckPasswordAsync("recruiter.one", "correct horse battery", Ct)).Succeeded);
            await staff.SignIn.CompleteAsync(account.Id, wrong, Ct);
        }

        Assert.NotNull((await staff.ReloadAsync(account.Id)).LockedUntil);
    }

    [Fact]
    public async Task An_unknown_name_a_locked_account_and_a_wrong_password_each_run_the_hasher_once()
    {
        var hasher = new CountingHasher();
        await using var staff = await StaffHarness.CreateAsync(services => services.AddSingleton<IPasswordHasher<StaffAccount>>(hasher));
        await staff.CreateAccountAsync();
        await staff.CreateAccountAsync("admin");

        int Counted(Func<Task> attempt)
        {
            var before = hasher.Verifications;
            attempt().GetAwaiter().GetResult();
            return hasher.Verifications - before;
        }

        Assert.Equal(1, Counted(() => staff.SignIn.CheckPasswordAsync("nobody", "wrong horse battery", Ct)));
        Assert.Equal(1, Counted(() => staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct)));
        Assert.Equal(1, Counted(() => staff.SignIn.CheckPasswordAsync("recruiter.one", new string('x', 10_000), Ct)));
        for (var i = 0; i < StaffSignIn.MaxFailures; i++)
        {
            await staff.SignIn.CheckPasswordAsync("admin", "wrong horse battery", Ct);
        }

        Assert.Equal(1, Counted(() => staff.SignIn.CheckPasswordAsync("admin", "correct horse battery", Ct)));
        Assert.Contains((await staff.AuditAsync()), e => e.Reason == "staff.locked-out");
    }
}
