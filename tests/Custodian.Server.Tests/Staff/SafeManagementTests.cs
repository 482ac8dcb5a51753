using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Tests.Staff;

public abstract class SafeManagementTests(CustodianApp app)
{
    private static int _peers;

    // Each sign-in from its own address, so the rate limiter never counts one test against another.
    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"192.0.{2 + n / 250}.{n % 250 + 1}";
    }

    private async Task<List<AuditEvent>> EventsAsync(AuditEventType type)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.Type == type).ToListAsync();
    }

    [Fact]
    public async Task A_role_without_a_category_gets_it_masked_or_hidden_through_the_api_and_the_console()
    {
        const string role = "viewer";
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var set = await admin.PutAsJsonAsync($"/api/v1/staff/roles/{role}/views", new { views = new Dictionary<string, string> { ["identity"] = "initials", ["career"] = "visible" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var id = await SafetyHost.RegisterAsync(app);
        var (staff, _) = await SafetyHost.SignInAsync(app, role, Peer());

        var items = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{id}?purpose=service.apply")).GetProperty("items");

        Assert.Equal("M. L.", items.GetProperty("name").GetString());
        Assert.Equal("Registered nurse", items.GetProperty("career").GetString());
        Assert.False(items.TryGetProperty("email", out _));
        Assert.False(items.TryGetProperty("telephone", out _));
        var page = await staff.PostAsync($"/console/persons/{id}", await SafetyHost.FormAsync(staff, $"/console/persons/{id}", "person-read", ("Input.Purpose", "service.apply")));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("M. L.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("López", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", html, StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(AuditEventType.RoleViewsSet), e => e.Subject == role);
    }

    [Fact]
    public async Task Role_views_are_for_administrators_and_reject_unknown_categories()
    {
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync("/api/v1/staff/roles/recruiter/views", new { views = new { identity = "hidden" } })).StatusCode);
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var problem = await (await admin.PutAsJsonAsync("/api/v1/staff/roles/trainee/views", new { views = new { salary = "hidden" } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unknownRole = await (await admin.PutAsJsonAsync("/api/v1/staff/roles/no-such-role/views", new { views = new { identity = "hidden" } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("role", "role.unknown"), (unknownRole.Field(), unknownRole.Code()));
        Assert.Equal("staff.category-unknown", problem.Code());
    }

    [Fact]
    public async Task Training_and_pledge_are_required_only_when_configured()
    {
        const string role = "trainee";
        var id = await SafetyHost.RegisterAsync(app);
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var (staff, staffId) = await SafetyHost.SignInAsync(app, role, Peer());
        var options = app.Service<IOptionsMonitor<StaffOptions>>().CurrentValue;

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).StatusCode);
        options.RequireTraining = true;
        try
        {
            var refused = await (await staff.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("staff.training-required", refused.Code());
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/staff/accounts/{staffId}/training", new { completedOn = today })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/staff/accounts/{staffId}/pledge", new { signedOn = today })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/persons/{id}?purpose=service.apply")).StatusCode);
        }
        finally
        {
            options.RequireTraining = false;
        }

        Assert.Contains(await EventsAsync(AuditEventType.TrainingRecorded), e => e.Subject == staffId.ToString());
        Assert.Contains(await EventsAsync(AuditEventType.PledgeRecorded), e => e.Subject == staffId.ToString());
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_peer_is_not_believed()
    {
        var id = await SafetyHost.RegisterAsync(app);
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var (staff, staffId) = await SafetyHost.SignInAsync(app, "recruiter", SafetyHost.TrustedProxy);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/staff/accounts/{staffId}/networks", new { networks = new[] { "198.51.100.0/24", "2001:db8::/32" } })).StatusCode);
        var url = $"/api/v1/persons/{id}?purpose=service.apply";

        // The trusted proxy forwards an allowed client: believed.
        staff.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        staff.DefaultRequestHeaders.Remove("X-Forwarded-For");
        staff.DefaultRequestHeaders.Add("X-Forwarded-For", "2001:db8::42");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);

        // An untrusted peer claims the same client: refused like a failed sign-in.
        staff.DefaultRequestHeaders.Remove(SafetyHost.PeerHeader);
        staff.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, "203.0.113.9");
        staff.DefaultRequestHeaders.Remove("X-Forwarded-For");
        staff.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        var problem = await (await staff.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("staff.sign-in", problem.Code());
        Assert.Contains(await EventsAsync(AuditEventType.NetworkRefused), e => e.Subject == staffId.ToString());
    }

    [Fact]
    public async Task Sign_in_from_outside_the_allow_list_gets_the_generic_failure()
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        const string role = "remote";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/staff/roles/{role}/networks", new { networks = new[] { "198.51.100.0/24" } })).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => SafetyHost.SignInAsync(app, role, "203.0.113.50"));
        var bad = await (await admin.PutAsJsonAsync($"/api/v1/staff/roles/{role}/networks", new { networks = new[] { "not-a-network" } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("networks", bad.Field());
    }

    [Fact]
    public async Task Sign_in_posts_are_rate_limited_per_address()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(SafetyHost.PeerHeader, "192.0.2.251");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await client.PostAsync("/console/sign-in", await SafetyHost.FormAsync(client, "/console/sign-in", "sign-in", ("Input.UserName", "nobody"), ("Input.Password", "wrong password here")));
        }

        var problem = await last!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("staff.sign-in-throttled", problem.Code());
        Assert.NotNull(last!.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Departments_have_an_information_manager()
    {
        var (admin, adminId) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var created = await admin.PostAsJsonAsync("/api/v1/staff/departments", new { name = "Dept " + Guid.NewGuid().ToString("N")[..6], managerId = adminId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var department = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/staff/accounts/{adminId}/department", new { departmentId = department })).StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff/departments");
        Assert.Contains(list.GetProperty("departments").EnumerateArray(), d => d.GetProperty("managerId").GetGuid() == adminId);
        Assert.Contains(await EventsAsync(AuditEventType.DepartmentCreated), e => e.Subject == department.ToString());
    }
}

public sealed class SafeManagementTests_Sqlite(SafetySqliteApp app) : SafeManagementTests(app), IClassFixture<SafetySqliteApp>;

public sealed class SafeManagementTests_Postgres(SafetyPostgresApp app) : SafeManagementTests(app), IClassFixture<SafetyPostgresApp>;
