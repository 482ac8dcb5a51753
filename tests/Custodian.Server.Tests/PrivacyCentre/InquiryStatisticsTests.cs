using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.PrivacyCentre;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.PrivacyCentre;

/// <summary>The Mexico policy's purpose 2b has a path: inquiries counted by month from dates alone, small cells hidden.</summary>
public abstract class InquiryStatisticsTests(CustodianApp app)
{
    [Fact]
    public async Task Inquiries_are_counted_by_month_under_purpose_2b_with_small_months_hidden_and_no_person_in_the_audit()
    {
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            foreach (var (month, count) in new[] { (1, 10), (2, 2), (3, 12) })
            {
                for (var i = 0; i < count; i++)
                {
                    db.Add(new Inquiry { Id = Guid.CreateVersion7(), PersonId = Guid.CreateVersion7(), PolicyId = "leverages-career-mexico", ReceivedAt = new DateTime(2020, month, 3 + i, 10, 0, 0, DateTimeKind.Utc) });
                }
            }

            await db.SaveChangesAsync();
        }

        var client = await app.ClientWithTokenAsync();
        var table = await client.GetFromJsonAsync<JsonElement>("/api/v1/inquiries/statistics?by=month&policy=leverages-career-mexico");

        Assert.Equal("contact.statistics", table.GetProperty("purpose").GetString());
        var cells = table.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("count"));
        Assert.Equal(12, cells["2020-03"].GetInt32());
        // February is below the cell size; January, the next smallest, is hidden with it so February cannot be worked out.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (cells["2020-02"].ValueKind, cells["2020-01"].ValueKind));
        await using var check = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var computed = await check.Set<AuditEvent>().Where(e => e.Type == AuditEventType.InquiryStatisticsComputed).ToListAsync();
        Assert.Contains(computed, e => (e.Purpose, e.Reason, e.Subject, e.PersonId) == ("contact.statistics", "month", "leverages-career-mexico", null));
    }

    [Theory]
    [InlineData("by=month&policy=leverages-group", "policy", "statistics.no-purpose")]
    [InlineData("by=person&policy=leverages-career-mexico", "by", "statistics.dimension")]
    [InlineData("by=month&policy=nope", "policy", "policy.unknown")]
    public async Task A_policy_without_a_statistics_purpose_or_a_bad_dimension_is_a_problem_naming_the_field(string query, string field, string code)
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.GetAsync($"/api/v1/inquiries/statistics?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal((field, code), (problem.Field(), problem.Code()));
    }
}

public sealed class InquiryStatisticsTests_Sqlite(SqliteApp app) : InquiryStatisticsTests(app), IClassFixture<SqliteApp>;

public sealed class InquiryStatisticsTests_Postgres(PostgresApp app) : InquiryStatisticsTests(app), IClassFixture<PostgresApp>;
