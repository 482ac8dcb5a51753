using System.Net;
using System.Net.Http.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.StaffConsole;

/// <summary>
/// The person search reads each person found, so it is a use of a purpose like the person's page: under a catch-all purpose
/// it takes the reason the page takes, and is refused without one before anyone is read.
/// </summary>
public abstract class PersonSearchReasonTests(CustodianApp app)
{
    private const string CatchAll = "service.incidental";
    private static int _peers;

    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"198.22.{n / 250}.{n % 250 + 1}";
    }

    [Fact]
    public async Task A_catch_all_search_without_a_reason_is_refused_and_reads_nobody()
    {
        var (staff, email, person) = await SetUpAsync();

        var html = await SearchAsync(staff, email, reason: null);

        Assert.Contains(CatchAllReasonCheck.Missing.Detail, html, StringComparison.Ordinal);
        Assert.DoesNotContain("María López", html, StringComparison.Ordinal);
        Assert.Empty(await ReadsAsync(person));
    }

    [Fact]
    public async Task A_catch_all_search_with_a_reason_shows_the_person_and_records_the_reason_with_the_read()
    {
        var (staff, email, person) = await SetUpAsync();

        var html = await SearchAsync(staff, email, "María López called about her interview");

        Assert.Contains("María López", html, StringComparison.Ordinal);
        var read = Assert.Single(await ReadsAsync(person));
        Assert.Equal(AuditOutcome.Allowed, read.Outcome);
        Assert.NotNull(UseReasons.IdOf(read.Subject));
    }

    private async Task<(HttpClient Staff, string Email, Guid Person)> SetUpAsync()
    {
        var email = $"search-{Guid.NewGuid():N}@example.com";
        var service = await app.ClientWithTokenAsync();
        var registered = await service.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(email));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var person = (await registered.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var (staff, _) = await SafetyHost.SignInAsync(app, "recruiter", Peer());
        return (staff, email, person);
    }

    private static async Task<string> SearchAsync(HttpClient staff, string email, string? reason)
    {
        var form = await SafetyHost.FormAsync(staff, "/console/persons", "person-search",
            ("Input.Kind", "email"), ("Input.Value", email), ("Input.Purpose", CatchAll), ("Input.Reason", reason ?? ""));
        var response = await staff.PostAsync("/console/persons", form);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<AuditEvent>> ReadsAsync(Guid person)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.PersonId == person && e.Type == AuditEventType.PersonRead).ToListAsync();
    }
}

public sealed class PersonSearchReasonTests_Sqlite(SafetySqliteApp app) : PersonSearchReasonTests(app), IClassFixture<SafetySqliteApp>;

public sealed class PersonSearchReasonTests_Postgres(SafetyPostgresApp app) : PersonSearchReasonTests(app), IClassFixture<SafetyPostgresApp>;
