using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Staff;

/// <summary>The organisation and the access-log review through the API and the console, on both databases.</summary>
public abstract class AccessReviewApiTests(CustodianApp app)
{
    private static int _peers;

    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"198.18.{n / 250}.{n % 250 + 1}";
    }

    private static string Day(int offset) => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> AuditedAsync(AuditEventType type, string subject)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().AnyAsync(e => e.Type == type && e.Subject == subject);
    }

    /// <summary>An administrator, and an information manager who answers for a new department.</summary>
    private async Task<(HttpClient Admin, HttpClient Manager, Guid ManagerId, string Department)> DepartmentAsync()
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var (manager, managerId) = await SafetyHost.SignInAsync(app, "information-manager", Peer());
        var name = "Review " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/staff/departments", new { name, managerId })).StatusCode);
        return (admin, manager, managerId, name);
    }

    [Fact]
    public async Task The_responsible_manager_is_named_audited_and_shown_with_the_organisation()
    {
        var (admin, _, managerId, name) = await DepartmentAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/staff/responsible-manager", new { managerId })).StatusCode);
        var organisation = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff/organisation");

        Assert.Equal(managerId, organisation.GetProperty("responsibleManagerId").GetGuid());
        Assert.Contains(organisation.GetProperty("departments").EnumerateArray(), d => d.GetProperty("name").GetString() == name);
        Assert.Contains(organisation.GetProperty("staff").EnumerateArray(), s => s.GetProperty("id").GetGuid() == managerId);
        Assert.True(await AuditedAsync(AuditEventType.ResponsibleManagerSet, managerId.ToString()));
        var bad = await (await admin.PutAsJsonAsync("/api/v1/staff/responsible-manager", new { managerId = Guid.NewGuid() })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("managerId", bad.Field());
    }

    [Fact]
    public async Task The_information_manager_reviews_the_department_and_signs_it_off_once()
    {
        var (_, manager, managerId, name) = await DepartmentAsync();
        var query = $"/api/v1/staff/access-reviews?from={Day(-3)}&to={Day(-1)}&department={Uri.EscapeDataString(name)}";

        var review = await manager.GetFromJsonAsync<JsonElement>(query);
        Assert.Equal(JsonValueKind.Null, review.GetProperty("signOff").ValueKind);
        var signed = await manager.PostAsJsonAsync("/api/v1/staff/access-reviews/sign-offs", new { from = Day(-3), to = Day(-1), department = name });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var id = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(managerId, (await manager.GetFromJsonAsync<JsonElement>(query)).GetProperty("signOff").GetProperty("signedBy").GetGuid());
        var again = await (await manager.PostAsJsonAsync("/api/v1/staff/access-reviews/sign-offs", new { from = Day(-3), to = Day(-1), department = name })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("access-review.signed-off", again.Code());
        Assert.True(await AuditedAsync(AuditEventType.AccessReviewSignedOff, id.ToString()));
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "from", "access-review.period-order")]
    [InlineData("from=2026-11-31&to=2026-12-01", "from", "date.format")]
    [InlineData("from=2026-11-01", "to", "required")]
    [InlineData("from=2026-11-01&to=2026-11-30&department=Nowhere", "department", "staff.department-unknown")]
    public async Task Bad_periods_and_departments_are_problems_naming_the_field(string query, string field, string code)
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var problem = await (await admin.GetAsync("/api/v1/staff/access-reviews?" + query)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal((field, code), (problem.Field(), problem.Code()));
    }

    [Fact]
    public async Task Staff_who_answer_for_no_department_are_refused_and_see_no_overdue_reviews()
    {
        // Holds the permission, but answers for no department: the rule refuses, not the door.
        var (staff, _) = await SafetyHost.SignInAsync(app, "information-manager", Peer());
        var problem = await (await staff.GetAsync($"/api/v1/staff/access-reviews?from={Day(-3)}&to={Day(-1)}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("staff.review-refused", problem.Code());
        Assert.Empty((await staff.GetFromJsonAsync<JsonElement>("/api/v1/staff/access-reviews/overdue")).GetProperty("overdue").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/console/safe-management/access-review")).StatusCode);
    }

    [Fact]
    public async Task The_console_forms_change_the_organisation_through_the_same_services()
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var (_, staffId) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        var name = "Console " + Guid.NewGuid().ToString("N")[..6];
        const string role = "console-role";

        await PostAsync(admin, "/console/safe-management", "department", ("NewDepartment.Name", name), ("NewDepartment.ManagerId", staffId.ToString()));
        await PostAsync(admin, "/console/safe-management/roles", "views", ("Views.Role", role), ("Views.Modes[0]", "hidden"), ("Views.Modes[1]", "initials"));
        await PostAsync(admin, "/console/safe-management/staff", "training", ("Training.AccountId", staffId.ToString()), ("Training.On", Day(-1)));
        await PostAsync(admin, "/console/safe-management/roles", "role-devices", ("Devices.Role", role), ("Devices.Required", "true"));

        var departments = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff/departments");
        Assert.Contains(departments.GetProperty("departments").EnumerateArray(), d => d.GetProperty("name").GetString() == name && d.GetProperty("managerId").GetGuid() == staffId);
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/staff/roles");
        var views = roles.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == role).GetProperty("views");
        Assert.Contains(views.EnumerateObject(), v => v.Value.GetString() == "initials");
        Assert.True(roles.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == role).GetProperty("requireRegisteredDevice").GetBoolean());
        Assert.True(await AuditedAsync(AuditEventType.RoleViewsSet, role));
        Assert.True(await AuditedAsync(AuditEventType.TrainingRecorded, staffId.ToString()));

        // A form the service refuses shows the field and the rule and changes nothing.
        var refused = await admin.PostAsync("/console/safe-management/roles", await SafetyHost.FormAsync(admin, "/console/safe-management/roles", "role-networks",
            ("Networks.Role", role), ("Networks.Networks", "not-a-network")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("networks: ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_form_without_its_antiforgery_token_is_refused()
    {
        var (admin, _) = await SafetyHost.SignInAsync(app, "administrator", Peer());
        var response = await admin.PostAsync("/console/safe-management", new FormUrlEncodedContent([new("_handler", "department"), new("NewDepartment.Name", "No token")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task PostAsync(HttpClient client, string page, string form, params (string, string)[] fields)
    {
        var response = await client.PostAsync(page, await SafetyHost.FormAsync(client, page, form, fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && html.Contains("role=\"status\"", StringComparison.Ordinal), $"{page} {form}: {(int)response.StatusCode}");
    }
}

public sealed class AccessReviewApiTests_Sqlite(SafetySqliteApp app) : AccessReviewApiTests(app), IClassFixture<SafetySqliteApp>;

public sealed class AccessReviewApiTests_Postgres(SafetyPostgresApp app) : AccessReviewApiTests(app), IClassFixture<SafetyPostgresApp>;
