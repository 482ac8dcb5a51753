using System.Net;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

/// <summary>An installation whose letter font is not there.</summary>
public sealed class SqliteAppWithoutLetterFont : CustodianApp
{
    public override string Provider => "sqlite";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Requests:LetterFont", Path.Combine(DataDirectory, "no-such-font.ttf"));
    }
}

public sealed class LetterFontTests(SqliteAppWithoutLetterFont app) : IClassFixture<SqliteAppWithoutLetterFont>
{
    [Fact]
    public async Task A_letter_without_its_font_is_a_503_problem_that_names_the_font_and_reads_nothing_through_the_gate()
    {
        var client = await app.ClientWithTokenAsync();
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");
        Assert.Equal("fulfilled", await RequestFlow.StepAsync(client, requestId, "fulfil"));
        var before = await EventCountAsync();

        var problem = await (await client.GetAsync($"/api/v1/requests/{requestId}/letter")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("letter.font-missing", problem.Code());
        Assert.Contains("Requests:LetterFont", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await EventCountAsync());
        // The electronic copy needs no font and is still given.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/requests/{requestId}/disclosure")).StatusCode);
    }

    private async Task<int> EventCountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().CountAsync();
    }
}
