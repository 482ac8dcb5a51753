using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Staff;

/// <summary>Sessions, recovery codes, the second factor's reset and registered devices, against the attacks they stop.</summary>
public abstract class AccountSecurityTests(CustodianApp app, ServerClock clock)
{
    private const string OwnSessions = "/api/v1/staff/me/sessions";
    private static int _peers;

    // Each sign-in from its own address, so the sign-in rate limit never counts one test against another.
    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"198.18.{n / 250}.{n % 250 + 1}";
    }

    private Task<SignedIn> SignInAsync(string role = "recruiter") => SafetyHost.SignInNewAsync(app, role, Peer());

    private async Task<List<AuditEvent>> EventsAsync(AuditEventType type, string? subject = null)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.Type == type && (subject == null || e.Subject == subject)).ToListAsync();
    }

    /// <summary>Another sign-in of an enrolled account, a minute later so its TOTP code is a new one.</summary>
    private async Task<HttpClient> SignInAgainAsync(SignedIn account)
    {
        clock.Advance(TimeSpan.FromMinutes(1));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        await SafetyHost.SubmitPasswordAsync(client, account.UserName);
        await SafetyHost.SubmitCodeAsync(client, SafetyHost.CodeNow(app, account.Secret));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(OwnSessions)).StatusCode);
        return client;
    }

    private static async Task AssertNoSessionAsync(HttpClient client)
    {
        await (await client.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var page = await client.GetAsync("/console/persons");
        Assert.Equal("/console/sign-in", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_session_idle_past_the_timeout_gets_no_data_and_must_sign_in_again()
    {
        var staff = await SignInAsync();
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync(OwnSessions)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(15));

        await AssertNoSessionAsync(staff.Client);
        Assert.Contains(await EventsAsync(AuditEventType.SessionExpired), e => e.Reason == "staff.session-idle" && e.Actor == $"staff:{staff.Id}");
    }

    [Fact]
    public async Task A_session_in_use_ends_at_the_end_of_its_lifetime()
    {
        var staff = await SignInAsync();
        for (var used = TimeSpan.Zero; used < TimeSpan.FromHours(11.8); used += TimeSpan.FromMinutes(14))
        {
            clock.Advance(TimeSpan.FromMinutes(14));
            Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync(OwnSessions)).StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(14));

        await AssertNoSessionAsync(staff.Client);
        Assert.Contains(await EventsAsync(AuditEventType.SessionExpired), e => e.Reason == "staff.session-lifetime" && e.Actor == $"staff:{staff.Id}");
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account()
    {
        var staff = await SignInAsync();
        var other = await SignInAgainAsync(staff);
        var sessions = await staff.Client.GetFromJsonAsync<JsonElement>(OwnSessions);
        Assert.Equal(2, sessions.GetProperty("sessions").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.PostAsync(OwnSessions + "/sign-out-everywhere", null)).StatusCode);

        await AssertNoSessionAsync(other);
        await AssertNoSessionAsync(staff.Client);
        Assert.Single(await EventsAsync(AuditEventType.SessionsRevoked, staff.Id.ToString()));
    }

    [Fact]
    public async Task An_administrator_lists_and_ends_the_sessions_of_another_account()
    {
        var admin = await SignInAsync("administrator");
        var staff = await SignInAsync();

        var listed = await admin.Client.GetFromJsonAsync<JsonElement>($"/api/v1/staff/accounts/{staff.Id}/sessions");
        Assert.Equal(1, listed.GetProperty("sessions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/staff/accounts/{staff.Id}/sessions/sign-out-everywhere", null)).StatusCode);

        await AssertNoSessionAsync(staff.Client);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(OwnSessions)).StatusCode);
        var unknown = await (await admin.Client.PostAsync($"/api/v1/staff/accounts/{Guid.NewGuid()}/sessions/sign-out-everywhere", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("staff.unknown", unknown.Code());
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_never_again()
    {
        var staff = await SignInAsync();
        var code = staff.RecoveryCodes[3];

        var first = app.CreateClient();
        first.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        await SafetyHost.SubmitPasswordAsync(first, staff.UserName);
        await SafetyHost.SubmitCodeAsync(first, code.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(OwnSessions)).StatusCode);

        var second = app.CreateClient();
        second.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        await SafetyHost.SubmitPasswordAsync(second, staff.UserName);
        var refused = await SafetyHost.SubmitCodeAsync(second, code);

        Assert.Contains("class=\"error\"", refused, StringComparison.Ordinal);
        await (await second.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Single(await EventsAsync(AuditEventType.RecoveryCodeUsed, staff.Id.ToString()));
        Assert.Contains(await EventsAsync(AuditEventType.StaffSignInFailed, staff.Id.ToString()), e => e.Reason == "staff.recovery-code");
    }

    [Fact]
    public async Task New_recovery_codes_need_a_fresh_code_and_replace_the_old_ones()
    {
        var staff = await SignInAsync();
        var wrong = await (await staff.Client.PostAsJsonAsync("/api/v1/staff/me/recovery-codes", new { code = "000000" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("code", wrong.Field());
        // The sign-in's own code is spent: replaying it is refused too.
        var replay = await staff.Client.PostAsJsonAsync("/api/v1/staff/me/recovery-codes", new { code = SafetyHost.CodeNow(app, staff.Secret) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);

        var made = await staff.Client.PostAsJsonAsync("/api/v1/staff/me/recovery-codes", new { code = SafetyHost.CodeNow(app, staff.Secret, steps: 1) });

        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var codes = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Empty(codes.Intersect(staff.RecoveryCodes));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        await SafetyHost.SubmitPasswordAsync(client, staff.UserName);
        await SafetyHost.SubmitCodeAsync(client, staff.RecoveryCodes[0]);
        await (await client.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(2, (await EventsAsync(AuditEventType.RecoveryCodesGenerated, staff.Id.ToString())).Count);
    }

    [Fact]
    public async Task An_administrator_resets_the_second_factor_and_the_account_enrols_again()
    {
        var admin = await SignInAsync("administrator");
        var staff = await SignInAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/staff/accounts/{staff.Id}/totp/reset", null)).StatusCode);

        await AssertNoSessionAsync(staff.Client);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        var page = await SafetyHost.SubmitPasswordAsync(client, staff.UserName);
        Assert.Contains("id=\"totp-secret\"", page, StringComparison.Ordinal);
        Assert.Single(await EventsAsync(AuditEventType.TotpReset, staff.Id.ToString()));
    }

    [Fact]
    public async Task A_role_that_requires_devices_gets_no_data_from_an_unknown_device_until_one_is_approved()
    {
        const string role = "field-worker";
        var admin = await SignInAsync("administrator");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync($"/api/v1/staff/roles/{role}/devices", new { required = true })).StatusCode);
        var person = await SafetyHost.RegisterAsync(app);
        var staff = await SignInAsync(role);
        var url = $"/api/v1/persons/{person}?purpose=service.apply";

        var refused = await (await staff.Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("staff.device-required", refused.Code());
        Assert.Equal("/console/account", (await staff.Client.GetAsync("/console/persons")).RequestMessage!.RequestUri!.AbsolutePath);

        var registered = await staff.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = "Office laptop", code = SafetyHost.CodeNow(app, staff.Secret, steps: 1) });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var device = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/staff/accounts/{staff.Id}/devices/{device}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync(url)).StatusCode);

        // The same account from another browser is an unknown device.
        var elsewhere = await SignInAgainAsync(staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/v1/staff/accounts/{staff.Id}/devices/{device}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(url)).StatusCode);
        Assert.NotEmpty(await EventsAsync(AuditEventType.DeviceRefused, staff.Id.ToString()));
        Assert.Single(await EventsAsync(AuditEventType.DeviceRegistered, device.ToString()));
        Assert.Single(await EventsAsync(AuditEventType.DeviceApproved, device.ToString()));
        Assert.Single(await EventsAsync(AuditEventType.DeviceRevoked, device.ToString()));
    }

    [Fact]
    public async Task The_departments_information_manager_approves_its_staffs_devices_and_nobody_approves_their_own()
    {
        var admin = await SignInAsync("administrator");
        var manager = await SignInAsync("privacy-officer");
        var outsider = await SignInAsync("privacy-officer");
        // One who may approve devices, so that approving their own is refused by the rule, not at the door.
        var staff = await SignInAsync("information-manager");
        var created = await admin.Client.PostAsJsonAsync("/api/v1/staff/departments", new { name = "Dept " + Guid.NewGuid().ToString("N")[..6], managerId = manager.Id });
        var department = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PutAsJsonAsync($"/api/v1/staff/accounts/{staff.Id}/department", new { departmentId = department })).StatusCode);
        var registered = await staff.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = "Desk PC", code = SafetyHost.CodeNow(app, staff.Secret, steps: 1) });
        var device = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var approve = $"/api/v1/staff/accounts/{staff.Id}/devices/{device}/approve";

        Assert.Equal("staff.device-self-approval", (await (await staff.Client.PostAsync(approve, null)).AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal("staff.device-approver", (await (await outsider.Client.PostAsync(approve, null)).AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(HttpStatusCode.NoContent, (await manager.Client.PostAsync(approve, null)).StatusCode);

        var devices = await staff.Client.GetFromJsonAsync<JsonElement>("/api/v1/staff/me/devices");
        var mine = Assert.Single(devices.GetProperty("devices").EnumerateArray());
        Assert.True(mine.GetProperty("thisDevice").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("approvedAt").ValueKind);
    }

    [Fact]
    public async Task Bad_device_and_role_inputs_get_problems_that_name_the_field()
    {
        var admin = await SignInAsync("administrator");
        var noName = await (await admin.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = "  ", code = "123456" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("name", noName.Field());
        var longName = await (await admin.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = new string('x', 61), code = "123456" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("name", longName.Field());
        var noCode = await (await admin.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = "Laptop" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("code", noCode.Field());
        var noFlag = await (await admin.Client.PutAsJsonAsync("/api/v1/staff/roles/recruiter/devices", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("required", noFlag.Field());
        var badRole = await (await admin.Client.PutAsJsonAsync("/api/v1/staff/roles/bad%20role/devices", new { required = true })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("role", badRole.Field());
        var unknown = await (await admin.Client.PostAsync($"/api/v1/staff/accounts/{admin.Id}/devices/{Guid.NewGuid()}/approve", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("staff.device-self-approval", unknown.Code());
        var noDevice = await (await admin.Client.DeleteAsync($"/api/v1/staff/me/devices/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("staff.device-unknown", noDevice.Code());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Client.PostAsJsonAsync("/api/v1/staff/me/recovery-codes", new { })).StatusCode);
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/staff/me/sessions", "staff" },
        { "POST", "/api/v1/staff/me/sessions/sign-out-everywhere", "staff" },
        { "POST", "/api/v1/staff/me/recovery-codes", "staff" },
        { "GET", "/api/v1/staff/me/devices", "staff" },
        { "POST", "/api/v1/staff/me/devices", "staff" },
        { "DELETE", "/api/v1/staff/me/devices/{device}", "staff" },
        { "GET", "/api/v1/staff/accounts/{account}/sessions", "administrator" },
        { "POST", "/api/v1/staff/accounts/{account}/sessions/sign-out-everywhere", "administrator" },
        { "POST", "/api/v1/staff/accounts/{account}/totp/reset", "administrator" },
        { "PUT", "/api/v1/staff/roles/someone/devices", "administrator" },
        { "GET", "/api/v1/staff/accounts/{account}/devices", "approver" },
        { "POST", "/api/v1/staff/accounts/{account}/devices/{device}/approve", "approver" },
        { "DELETE", "/api/v1/staff/accounts/{account}/devices/{device}", "approver" },
    };

    /// <summary>Anonymous: 401. A service token: 403. Staff outside the allowed role: 403. The allowed role: through.</summary>
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_lets_in_only_its_role(string method, string path, string allowed)
    {
        var target = await SignInAsync();
        var url = path.Replace("{account}", target.Id.ToString(), StringComparison.Ordinal).Replace("{device}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };

        await (await app.CreateClient().SendAsync(Request())).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var token = await app.ClientWithTokenAsync();
        await (await token.SendAsync(Request())).AssertProblemAsync(HttpStatusCode.Forbidden);
        if (allowed != "staff")
        {
            var other = await SignInAsync();
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.SendAsync(Request())).StatusCode);
        }

        var permitted = allowed == "staff" ? target.Client : (await SignInAsync("administrator")).Client;
        var answer = await permitted.SendAsync(Request());
        Assert.True(answer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {url}: {(int)answer.StatusCode}");
    }
}

public sealed class AccountSecurityTests_Sqlite(ClockedSqliteApp app) : AccountSecurityTests(app, app.Clock), IClassFixture<ClockedSqliteApp>;

public sealed class AccountSecurityTests_Postgres(ClockedPostgresApp app) : AccountSecurityTests(app, app.Clock), IClassFixture<ClockedPostgresApp>;
