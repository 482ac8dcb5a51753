using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

public abstract class RequestReminderTests(CustodianApp app)
{
    private async Task<(Guid RequestId, DateOnly[] Days)> RunningRequestAsync(HttpClient client)
    {
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");
        var days = (await RequestFlow.DetailAsync(client, requestId)).GetProperty("reminders").EnumerateArray()
            .Select(d => DateOnly.Parse(d.GetString()!, CultureInfo.InvariantCulture)).ToArray();
        return (requestId, days);
    }

    private async Task<IReadOnlyList<ReminderRow>> SendAsync(DateOnly on, Guid requestId) =>
        (await app.Service<RequestReminders>().SendAsync(on)).Value!.Where(r => r.RequestId == requestId).ToList();

    [Fact]
    public async Task A_reminder_is_sent_once_on_each_of_5_2_and_1_business_days_before_the_due_date_and_audited()
    {
        var client = await app.ClientWithTokenAsync();
        var (requestId, days) = await RunningRequestAsync(client);
        Assert.Equal(3, days.Length);

        Assert.Empty(await SendAsync(days[0].AddDays(-1), requestId));
        var first = Assert.Single(await SendAsync(days[0], requestId));
        Assert.Equal(5, first.BusinessDaysBefore);
        Assert.Empty(await SendAsync(days[0], requestId));
        Assert.Equal(2, Assert.Single(await SendAsync(days[1], requestId)).BusinessDaysBefore);
        Assert.Equal(1, Assert.Single(await SendAsync(days[2], requestId)).BusinessDaysBefore);

        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var subject = requestId.ToString();
        var audited = await db.Set<AuditEvent>().Where(e => e.Subject == subject && e.Type == AuditEventType.RequestReminderSent).Select(e => e.Reason).ToListAsync();
        Assert.Equal(3, audited.Count);
        Assert.Equal(3, await db.Set<RequestReminder>().CountAsync(r => r.RequestId == requestId));
    }

    [Fact]
    public async Task A_day_with_no_run_is_caught_up_with_the_nearest_reminder_only()
    {
        var client = await app.ClientWithTokenAsync();
        var (requestId, days) = await RunningRequestAsync(client);

        var sent = Assert.Single(await SendAsync(days[1], requestId));

        Assert.Equal(2, sent.BusinessDaysBefore);
        Assert.Equal(days[1], sent.FallsOn);
    }

    [Fact]
    public async Task A_paused_clock_sends_no_reminder()
    {
        var client = await app.ClientWithTokenAsync();
        var (requestId, days) = await RunningRequestAsync(client);
        await RequestFlow.StepAsync(client, requestId, "pause", new { reason = "waiting for the proxy" });

        Assert.Empty(await SendAsync(days[2], requestId));
    }

    [Fact]
    public async Task Sent_reminders_are_listed_by_the_api_for_requests_still_unanswered()
    {
        var client = await app.ClientWithTokenAsync();
        var (requestId, days) = await RunningRequestAsync(client);
        await SendAsync(days[0], requestId);

        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/requests/reminders?since=2000-01-01");

        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("requestId").GetGuid() == requestId && r.GetProperty("businessDaysBefore").GetInt32() == 5);
    }

    [Theory]
    [InlineData("/api/v1/requests/reminders?since=18-12-2026")]
    [InlineData("/api/v1/requests/due?on=yesterday")]
    public async Task A_badly_written_date_is_a_problem_naming_the_field(string url)
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(url.Contains("since", StringComparison.Ordinal) ? "since" : "on", problem.Field());
    }

    [Fact]
    public async Task Reminders_are_not_listed_without_credentials()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/requests/reminders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class RequestReminderTests_Sqlite(SqliteApp app) : RequestReminderTests(app), IClassFixture<SqliteApp>;

public sealed class RequestReminderTests_Postgres(PostgresApp app) : RequestReminderTests(app), IClassFixture<PostgresApp>;
