using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class RecoveryCodesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recovery_code_completes_the_second_step_once_and_is_audited()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, _) = await staff.CreateEnrolledAsync();
        var codes = await staff.Get<RecoveryCodes>().GenerateAsync(Actor.System, account.Id, Ct);

        Assert.True((await staff.SignIn.CompleteAsync(account.Id, codes[0], Ct)).Succeeded);
        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CompleteAsync(account.Id, codes[0], Ct)).Failure);

        Assert.Equal(RecoveryCodes.Count - 1, await staff.Get<RecoveryCodes>().RemainingAsync(account.Id, Ct));
        var audit = await staff.AuditAsync();
        Assert.Single(audit, e => e.Type == AuditEventType.RecoveryCodeUsed && e.Subject == account.Id.ToString());
        Assert.Contains(audit, e => e.Type == AuditEventType.StaffSignInFailed && e.Reason == "staff.recovery-code");
    }

    [Fact]
    public async Task Codes_are_stored_only_as_keyed_hashes_and_typed_in_any_case_or_spacing()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, _) = await staff.CreateEnrolledAsync();
        var codes = await staff.Get<RecoveryCodes>().GenerateAsync(Actor.System, account.Id, Ct);

        Assert.Equal(RecoveryCodes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{5}-[a-z2-7]{5}$", c));
        Assert.True((await staff.SignIn.CompleteAsync(account.Id, " " + codes[1].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal), Ct)).Succeeded);
        var stored = string.Concat(Directory.GetFiles(staff.Folder, "custodian.db*").Select(f => System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(f))));
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_codes_replace_the_old_ones_and_a_step_up_never_takes_a_recovery_code()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, secret) = await staff.CreateEnrolledAsync();
        var old = await staff.Get<RecoveryCodes>().GenerateAsync(Actor.System, account.Id, Ct);
        var actor = new Actor(ActorKind.Staff, account.Id, account.Role);

        Assert.Same(StaffSignIn.StepUpRefused, (await staff.SignIn.RegenerateRecoveryCodesAsync(actor, old[0], Ct)).Failure);
        var fresh = await staff.SignIn.RegenerateRecoveryCodesAsync(actor, staff.CodeNow(secret, 1), Ct);

        Assert.True(fresh.Succeeded);
        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CompleteAsync(account.Id, old[1], Ct)).Failure);
        Assert.True((await staff.SignIn.CompleteAsync(account.Id, fresh.Value![1], Ct)).Succeeded);
    }

    [Fact]
    public async Task An_account_that_has_not_enrolled_cannot_use_a_recovery_code()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        await staff.SignIn.BeginEnrolmentAsync(account.Id, Ct);
        var codes = await staff.Get<RecoveryCodes>().GenerateAsync(Actor.System, account.Id, Ct);

        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CompleteAsync(account.Id, codes[0], Ct)).Failure);
    }

    [Fact]
    public async Task A_reset_removes_the_second_factor_the_codes_and_the_sessions()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var (account, _) = await staff.CreateEnrolledAsync();
        var codes = await staff.Get<RecoveryCodes>().GenerateAsync(Actor.System, account.Id, Ct);
        var session = await staff.Get<StaffSessions>().StartAsync(account.Id, null, Ct);

        Assert.Null(await staff.Get<TwoStepReset>().ResetAsync(Actor.System, account.Id, Ct));

        var reloaded = await staff.ReloadAsync(account.Id);
        Assert.False(reloaded.TotpEnrolled);
        Assert.Null(reloaded.TotpSecret);
        Assert.Equal(0, await staff.Get<RecoveryCodes>().RemainingAsync(account.Id, Ct));
        Assert.False(await staff.Get<StaffSessions>().ContinueAsync(session, account.Id, Ct));
        Assert.Same(StaffSignIn.Refused, (await staff.SignIn.CompleteAsync(account.Id, codes[0], Ct)).Failure);
        Assert.True((await staff.SignIn.BeginEnrolmentAsync(account.Id, Ct)).Succeeded);
        Assert.Same(SafeManagement.UnknownAccount, await staff.Get<TwoStepReset>().ResetAsync(Actor.System, Guid.NewGuid(), Ct));
    }
}
