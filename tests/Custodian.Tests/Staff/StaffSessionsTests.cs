using Custodian.Audit;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Staff;

public sealed class StaffSessionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_unused_for_the_idle_timeout_ends_and_the_end_is_audited_once()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var id = await sessions.StartAsync(account.Id, "Firefox", Ct);

        staff.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.True(await sessions.ContinueAsync(id, account.Id, Ct));
        staff.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.False(await sessions.ContinueAsync(id, account.Id, Ct));
        Assert.False(await sessions.ContinueAsync(id, account.Id, Ct));
        var ended = Assert.Single(await staff.AuditAsync(), e => e.Type == AuditEventType.SessionExpired);
        Assert.Equal("staff.session-idle", ended.Reason);
        Assert.Equal(id.ToString(), ended.Subject);
    }

    [Fact]
    public async Task A_busy_session_ends_at_its_lifetime()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var id = await sessions.StartAsync(account.Id, null, Ct);

        for (var i = 0; i < 12 * 6 - 1; i++)
        {
            staff.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.True(await sessions.ContinueAsync(id, account.Id, Ct));
        }

        staff.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await sessions.ContinueAsync(id, account.Id, Ct));
        Assert.Contains(await staff.AuditAsync(), e => e.Type == AuditEventType.SessionExpired && e.Reason == "staff.session-lifetime");
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var id = await sessions.StartAsync(account.Id, null, Ct);
        var started = staff.Time.Now.UtcDateTime;

        staff.Time.Advance(TimeSpan.FromSeconds(50));
        await sessions.ContinueAsync(id, account.Id, Ct);
        Assert.Equal(started, Assert.Single((await sessions.ListAsync(account.Id, Ct)).Value!).LastSeenAt);
        staff.Time.Advance(TimeSpan.FromSeconds(20));
        await sessions.ContinueAsync(id, account.Id, Ct);
        Assert.Equal(staff.Time.Now.UtcDateTime, Assert.Single((await sessions.ListAsync(account.Id, Ct)).Value!).LastSeenAt);
    }

    [Fact]
    public async Task A_signed_out_session_never_continues_and_the_sign_out_is_audited()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var id = await sessions.StartAsync(account.Id, null, Ct);

        await sessions.SignOutAsync(new Actor(ActorKind.Staff, account.Id, account.Role), id, Ct);

        // A copy of the cookie kept from before the sign-out gets nothing.
        Assert.False(await sessions.ContinueAsync(id, account.Id, Ct));
        Assert.Single(await staff.AuditAsync(), e => e.Type == AuditEventType.StaffSignedOut && e.Subject == account.Id.ToString());
    }

    [Fact]
    public async Task A_new_sign_in_clears_the_accounts_sessions_that_can_no_longer_continue()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var actor = new Actor(ActorKind.Staff, account.Id, account.Role);
        var signedOut = await sessions.StartAsync(account.Id, "old laptop", Ct);
        await sessions.SignOutAsync(actor, signedOut, Ct);
        var forgotten = await sessions.StartAsync(account.Id, "kiosk", Ct);
        staff.Time.Advance(TimeSpan.FromHours(13));
        var open = await sessions.StartAsync(account.Id, "phone", Ct);

        var third = await sessions.StartAsync(account.Id, "desk", Ct);

        await using var db = await staff.Get<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        var kept = await db.Set<StaffSession>().Where(s => s.AccountId == account.Id).Select(s => s.Id).ToListAsync(Ct);
        Assert.Equal(new[] { open, third }.Order(), kept.Order());
        Assert.False(await sessions.ContinueAsync(forgotten, account.Id, Ct));
    }

    [Fact]
    public async Task A_session_of_another_account_or_an_unknown_one_does_not_continue()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var id = await sessions.StartAsync(account.Id, null, Ct);

        Assert.False(await sessions.ContinueAsync(id, Guid.NewGuid(), Ct));
        Assert.False(await sessions.ContinueAsync(Guid.NewGuid(), account.Id, Ct));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_and_a_long_browser_name_is_cut_short()
    {
        await using var staff = await StaffHarness.CreateAsync();
        var account = await staff.CreateAccountAsync();
        var sessions = staff.Get<StaffSessions>();
        var first = await sessions.StartAsync(account.Id, new string('x', 5000), Ct);
        var second = await sessions.StartAsync(account.Id, "Chromium", Ct);
        Assert.Equal(StaffSessions.MaxClientLength, (await sessions.ListAsync(account.Id, Ct)).Value!.Single(s => s.Id == first).Client.Length);

        Assert.Null(await sessions.SignOutEverywhereAsync(Actor.System, account.Id, Ct));

        Assert.False(await sessions.ContinueAsync(first, account.Id, Ct));
        Assert.False(await sessions.ContinueAsync(second, account.Id, Ct));
        Assert.Empty((await sessions.ListAsync(account.Id, Ct)).Value!);
        Assert.Same(SafeManagement.UnknownAccount, await sessions.SignOutEverywhereAsync(Actor.System, Guid.NewGuid(), Ct));
    }
}
