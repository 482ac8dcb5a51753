using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Staff;

/// <summary>Staff accounts from joining to leaving, over HTTP: creation, the forced password change, roles, deactivation.</summary>
public abstract class StaffLifecycleTests(CustodianApp app, ServerClock clock)
{
    private const string Accounts = "/api/v1/staff/accounts";
    private const string OwnSessions = "/api/v1/staff/me/sessions";
    private const string OwnPassword = "/api/v1/staff/me/password";
    private const string NewPassword = "a brand new staff password";
    private static int _peers;

    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"198.19.{n / 250}.{n % 250 + 1}";
    }

    private Task<SignedIn> AdministratorAsync() => SafetyHost.SignInNewAsync(app, StaffRoles.Administrator, Peer());

    private static string NewName() => "lc." + Guid.NewGuid().ToString("N")[..10];

    private static async Task<(Guid Id, string Password)> CreateAsync(HttpClient admin, string name, string role = "recruiter")
    {
        var response = await admin.PostAsJsonAsync(Accounts, new { userName = name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("account").GetProperty("id").GetGuid(), body.GetProperty("initialPassword").GetString()!);
    }

    /// <summary>Both steps through the real forms; returns the client and the page the code step ended on.</summary>
    private async Task<(HttpClient Client, string Page)> SignInAsync(string name, string password, byte[]? secret = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, Peer());
        // As a browser on the console sends it: cookie-authenticated changes need the server's own origin.
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var page = await (await client.PostAsync("/console/sign-in",
            await SafetyHost.FormAsync(client, "/console/sign-in", "sign-in", ("Input.UserName", name), ("Input.Password", password)))).Content.ReadAsStringAsync();
        if (!page.Contains("name=\"Input.Code\"", StringComparison.Ordinal))
        {
            return (client, page);
        }

        secret ??= Base32.Decode(Regex.Match(page, "id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").Groups[1].Value)!;
        return (client, await SafetyHost.SubmitCodeAsync(client, SafetyHost.CodeNow(app, secret)));
    }

    private async Task<StaffAccount> AccountAsync(Guid id)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<StaffAccount>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task A_new_account_is_held_to_its_account_page_until_it_changes_the_initial_password()
    {
        var admin = await AdministratorAsync();
        var name = NewName();
        var (id, initial) = await CreateAsync(admin.Client, name);
        Assert.True((await AccountAsync(id)).MustChangePassword);

        var (staff, _) = await SignInAsync(name, initial);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(OwnSessions)).StatusCode);
        Assert.Equal("staff.password-change-required", (await (await staff.GetAsync($"/api/v1/persons/{Guid.NewGuid()}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        var page = await staff.GetAsync("/console/persons");
        Assert.Equal("/console/account", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("id=\"password-change-required\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await staff.PostAsJsonAsync(OwnPassword, new { currentPassword = initial, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal("/console/persons", (await staff.GetAsync("/console/persons")).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.False((await AccountAsync(id)).MustChangePassword);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(StaffSignIn.Refused.Detail, (await SignInAsync(name, initial)).Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_form_on_the_account_page_changes_the_password_and_lifts_the_hold()
    {
        var admin = await AdministratorAsync();
        var name = NewName();
        var (_, initial) = await CreateAsync(admin.Client, name);
        var (staff, _) = await SignInAsync(name, initial);

        var posted = await staff.PostAsync("/console/account", await SafetyHost.FormAsync(staff, "/console/account", "password-change",
            ("Input.CurrentPassword", initial), ("Input.NewPassword", NewPassword)));

        Assert.Contains("id=\"password-changed\"", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/console/persons", (await staff.GetAsync("/console/persons")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("wrong current password", NewPassword, "currentPassword", "staff.password-current")]
    [InlineData(SafetyHost.Password, "short", "newPassword", "staff.password-length")]
    [InlineData(SafetyHost.Password, "P@ssw0rd2024!", "newPassword", "staff.password-common")]
    public async Task A_refused_password_change_names_the_field_and_keeps_the_old_password(string current, string next, string field, string rule)
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        var before = (await AccountAsync(staff.Id)).PasswordHash;

        var problem = await (await staff.Client.PostAsJsonAsync(OwnPassword, new { currentPassword = current, newPassword = next })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal((field, rule), (problem.Field(), problem.Code()));
        Assert.Equal(before, (await AccountAsync(staff.Id)).PasswordHash);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync(OwnSessions)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_of_the_account_but_not_this_one()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        clock.Advance(TimeSpan.FromMinutes(1));
        var (other, _) = await SignInAsync(staff.UserName, SafetyHost.Password, staff.Secret);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(OwnSessions)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.PostAsJsonAsync(OwnPassword, new { currentPassword = SafetyHost.Password, newPassword = NewPassword })).StatusCode);

        await (await other.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync(OwnSessions)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_session_devices_and_sign_in_at_once_and_a_reactivated_one_signs_in_again()
    {
        var admin = await AdministratorAsync();
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());
        clock.Advance(TimeSpan.FromMinutes(1));
        var device = await staff.Client.PostAsJsonAsync("/api/v1/staff/me/devices", new { name = "laptop", code = SafetyHost.CodeNow(app, staff.Secret) });
        Assert.Equal(HttpStatusCode.Created, device.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"{Accounts}/{staff.Id}/deactivate", null)).StatusCode);

        await (await staff.Client.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("/console/sign-in", (await staff.Client.GetAsync("/console/persons")).RequestMessage!.RequestUri!.AbsolutePath);
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            Assert.All(await db.Set<StaffDevice>().Where(d => d.AccountId == staff.Id).ToListAsync(), d => Assert.NotNull(d.RevokedAt));
            Assert.Single(await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.StaffDeactivated && e.Subject == staff.Id.ToString()).ToListAsync());
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains(StaffSignIn.Refused.Detail, (await SignInAsync(staff.UserName, SafetyHost.Password, staff.Secret)).Page, StringComparison.Ordinal);
        var listed = await admin.Client.GetFromJsonAsync<JsonElement>($"{Accounts}/{staff.Id}");
        Assert.False(listed.GetProperty("active").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"{Accounts}/{staff.Id}/reactivate", null)).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(1));
        var (again, _) = await SignInAsync(staff.UserName, SafetyHost.Password, staff.Secret);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(OwnSessions)).StatusCode);
        var devices = await again.GetFromJsonAsync<JsonElement>("/api/v1/staff/me/devices");
        Assert.Equal(0, devices.GetProperty("devices").GetArrayLength());
    }

    [Fact]
    public async Task An_administrator_cannot_deactivate_their_own_account()
    {
        var admin = await AdministratorAsync();

        var problem = await (await admin.Client.PostAsync($"{Accounts}/{admin.Id}/deactivate", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("staff.deactivate-self", problem.Code());
        Assert.Null((await AccountAsync(admin.Id)).DeactivatedAt);
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_the_next_sign_in_and_ends_the_sessions()
    {
        var admin = await AdministratorAsync();
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());

        var changed = await admin.Client.PutAsJsonAsync($"{Accounts}/{staff.Id}/role", new { role = "request-handler" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("request-handler", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        await (await staff.Client.GetAsync(OwnSessions)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_naming_the_field_role()
    {
        var admin = await AdministratorAsync();
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());

        var created = await (await admin.Client.PostAsJsonAsync(Accounts, new { userName = NewName(), role = "superuser" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var changed = await (await admin.Client.PutAsJsonAsync($"{Accounts}/{staff.Id}/role", new { role = "superuser" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("role", "role.unknown"), (created.Field(), created.Code()));
        Assert.Equal(("role", "role.unknown"), (changed.Field(), changed.Code()));
        Assert.Equal("recruiter", (await AccountAsync(staff.Id)).Role);
    }

    [Fact]
    public async Task Bad_account_input_is_refused_and_creates_nothing()
    {
        var admin = await AdministratorAsync();
        var name = NewName();
        await CreateAsync(admin.Client, name);
        var before = (await admin.Client.GetFromJsonAsync<JsonElement>(Accounts)).GetProperty("accounts").GetArrayLength();

        var empty = await (await admin.Client.PostAsJsonAsync(Accounts, new { userName = "", role = "recruiter" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var taken = await (await admin.Client.PostAsJsonAsync(Accounts, new { userName = name, role = "recruiter" })).AssertProblemAsync(HttpStatusCode.Conflict);
        var department = await (await admin.Client.PostAsJsonAsync(Accounts, new { userName = NewName(), role = "recruiter", departmentId = Guid.NewGuid() }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(("userName", "staff.user-name"), (empty.Field(), empty.Code()));
        Assert.Equal("staff.user-name-taken", taken.Code());
        Assert.Equal(("departmentId", "staff.department-unknown"), (department.Field(), department.Code()));
        Assert.Equal(before, (await admin.Client.GetFromJsonAsync<JsonElement>(Accounts)).GetProperty("accounts").GetArrayLength());
        await (await admin.Client.GetAsync($"{Accounts}/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_shows_role_department_status_enrolment_and_last_sign_in_but_no_secrets()
    {
        var admin = await AdministratorAsync();
        var department = await admin.Client.PostAsJsonAsync("/api/v1/staff/departments", new { name = "Dept " + Guid.NewGuid().ToString("N")[..6] });
        var departmentId = (await department.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var name = NewName();
        var created = await admin.Client.PostAsJsonAsync(Accounts, new { userName = name, role = "privacy-officer", departmentId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var body = await admin.Client.GetStringAsync(Accounts);
        var row = JsonDocument.Parse(body).RootElement.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("userName").GetString() == name);
        var me = JsonDocument.Parse(body).RootElement.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == admin.Id);

        Assert.Equal(("privacy-officer", departmentId, true, false), (row.GetProperty("role").GetString(), row.GetProperty("departmentId").GetGuid(),
            row.GetProperty("active").GetBoolean(), row.GetProperty("enrolled").GetBoolean()));
        Assert.True(me.GetProperty("enrolled").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, me.GetProperty("lastSignInAt").ValueKind);
        Assert.DoesNotContain("passwordHash", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("totpSecret", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Staff_who_are_not_administrators_cannot_create_accounts()
    {
        var staff = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());

        var response = await staff.Client.PostAsJsonAsync(Accounts, new { userName = NewName(), role = "administrator" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class StaffLifecycleTests_Sqlite(ClockedSqliteApp app) : StaffLifecycleTests(app, app.Clock), IClassFixture<ClockedSqliteApp>;

public sealed class StaffLifecycleTests_Postgres(ClockedPostgresApp app) : StaffLifecycleTests(app, app.Clock), IClassFixture<ClockedPostgresApp>;
