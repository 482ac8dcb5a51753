using Custodian.Audit;
using Custodian.Common;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class StaffSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Password = "correct horse battery";

    [Fact]
    public async Task The_right_password_passes_the_first_step_and_a_wrong_one_is_refused_with_the_generic_answer()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();

        Assert.Equal(account.Id, (await staff.SignIn.CheckPasswordAsync("recruiter.one", Password, Ct)).Value);
        var wrong = await staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct);
        var unknown = await staff.SignIn.CheckPasswordAsync("nobody", Password, Ct);

        Assert.Same(StaffSignIn.Refused, wrong.Failure);
        Assert.Same(StaffSignIn.Refused, unknown.Failure);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("recruiter.one", null)]
    [InlineData("RECRUITER.ONE", Password)]
    public async Task Missing_or_mismatched_credentials_are_refused(string? userName, string? password)
    {
        await using var staff = await StaffHarness.CreateAsync();
        await staff.CreateAccountAsync();

        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CheckPasswordAsync(userName, password, Ct)).Failure);
    }

    [Fact]
    public async Task A_password_longer_than_the_limit_is_refused_without_matching()
    {
        await using var staff = await StaffHarness.CreateAsync();
        await staff.CreateAccountAsync();

        Assert.False((await staff.SignIn.CheckPasswordAsync("recruiter.one", new string('x', 10_000), Ct)).Succeeded);
    }

    [Fact]
    public async Task Failed_sign_ins_are_audited_by_account_id_and_never_by_the_typed_user_name()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();

        await staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct);
        await staff.SignIn.CheckPasswordAsync("somebody.else", Password, Ct);

        var failures = (await staff.AuditAsync()).Where(e => e.Type == AuditEventType.StaffSignInFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e => Assert.Equal(AuditOutcome.Refused, e.Outcome));
        Assert.Equal((account.Id.ToString(), "staff.password"), (failures[0].Subject, failures[0].Reason));
        Assert.Equal((null, "staff.unknown"), (failures[1].Subject, failures[1].Reason));
        var everyField = (await staff.AuditAsync()).SelectMany(e => new[] { e.Actor, e.Purpose, e.Items, e.Reason, e.Subject });
        Assert.DoesNotContain(everyField, f => f is not null && (f.Contains("recruiter.one", StringComparison.Ordinal) || f.Contains("somebody", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();

        for (var i = 0; i < StaffSignIn.MaxFailures; i++)
        {
            await staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct);
        }

        Assert.False((await staff.SignIn.CheckPasswordAsync("recruiter.one", Password, Ct)).Succeeded);
        staff.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.False((await staff.SignIn.CheckPasswordAsync("recruiter.one", Password, Ct)).Succeeded);
        staff.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await staff.SignIn.CheckPasswordAsync("recruiter.one", Password, Ct)).Succeeded);
        Assert.Contains(await staff.AuditAsync(), e => e.Reason == "staff.locked-out" && e.Subject == account.Id.ToString());
    }

    [Fact]
    public async Task Four_failures_do_not_lock()
    {
        await using var staff = await StaffHarness.CreateAsync();
        await staff.CreateAccountAsync();

        for (var i = 0; i < StaffSignIn.MaxFailures - 1; i++)
        {
            await staff.SignIn.CheckPasswordAsync("recruiter.one", "wrong horse battery", Ct);
        }

        Assert.True((await staff.SignIn.CheckPasswordAsync("recruiter.one", Password, Ct)).Succeeded);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_and_a_locked_account_refuses_a_right_code()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();
        staff.Time.Advance(TimeSpan.FromSeconds(30));

        var wrong = staff.CodeNow(secret) == "000000" ? "111111" : "000000";
        for (var i = 0; i < StaffSignIn.MaxFailures; i++)
        {
            await staff.SignIn.CompleteAsync(account.Id, wrong, Ct);
        }

        Assert.False((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret), Ct)).Succeeded);
        staff.Time.Advance(StaffSignIn.LockoutDuration);
        Assert.True((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret), Ct)).Succeeded);
    }

    [Fact]
    public async Task Enrolment_keeps_one_secret_until_a_code_from_it_is_accepted_then_refuses_to_start_again()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();

        var first = await staff.SignIn.BeginEnrolmentAsync(account.Id, Ct);
        var again = await staff.SignIn.BeginEnrolmentAsync(account.Id, Ct);
        Assert.Equal(first.Value!.Secret, again.Value!.Secret);
        Assert.False((await staff.ReloadAsync(account.Id)).TotpEnrolled);

        var completed = await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(Base32.Decode(first.Value.Secret)!), Ct);

        Assert.True(completed.Succeeded);
        Assert.True((await staff.ReloadAsync(account.Id)).TotpEnrolled);
        Assert.Equal(FailureKind.Conflict, (await staff.SignIn.BeginEnrolmentAsync(account.Id, Ct)).Failure?.Kind);
        Assert.Equal(
            [AuditEventType.StaffCreated, AuditEventType.TotpEnrolled, AuditEventType.StaffSignedIn],
            (await staff.AuditAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task The_secret_is_stored_sealed_not_in_the_clear()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();

        var stored = (await staff.ReloadAsync(account.Id)).TotpSecret!;

        Assert.NotEqual(secret, stored);
        Assert.False(stored.AsSpan().IndexOf(secret) >= 0);
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_its_replay_is_refused()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();
        staff.Time.Advance(TimeSpan.FromSeconds(30));
        var code = staff.CodeNow(secret);

        Assert.True((await staff.SignIn.CompleteAsync(account.Id, code, Ct)).Succeeded);
        Assert.False((await staff.SignIn.CompleteAsync(account.Id, code, Ct)).Succeeded);
        Assert.False((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret, -1), Ct)).Succeeded);
    }

    [Fact]
    public async Task A_code_one_step_ahead_is_accepted_and_two_steps_ahead_is_not()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();

        Assert.False((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret, 2), Ct)).Succeeded);
        Assert.True((await staff.SignIn.CompleteAsync(account.Id, staff.CodeNow(secret, 1), Ct)).Succeeded);
    }

    [Fact]
    public async Task A_code_for_an_account_that_does_not_exist_is_refused()
    {
        await using var staff = await StaffHarness.CreateAsync();

        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CompleteAsync(Guid.NewGuid(), "123456", Ct)).Failure);
    }
}
