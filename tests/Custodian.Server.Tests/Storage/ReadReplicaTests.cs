using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Server.Tests.Storage;

/// <summary>
/// Who is affected by an incident, read from a real streaming standby when <c>ConnectionStrings:CustodianReadOnly</c>
/// names one, answers what the primary holds at that moment (the uses just made included); a standby that is not there,
/// or is another database, leaves the report on the primary with a warning and the same answer.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private StandbyCluster? _standby;

    public async ValueTask InitializeAsync() => _standby = await StandbyCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_standby is not null)
        {
            await _standby.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_report_on_the_standby_includes_the_uses_made_just_before_it()
    {
        await using var app = new ReplicaApp(p => _standby!.ConnectionStringFor(p));
        await app.InitializeAsync();

        var (read, persons) = await ReadThenListAsync(app);

        Assert.Equal([read], persons);
        Assert.Contains(app.Logged.Entries, e => e.Category.EndsWith("ReportingDatabase", StringComparison.Ordinal) && e.Message == "Reports read the read replica");
        Assert.DoesNotContain(app.Logged.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith("ReportingDatabase", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("unreachable", "replica.unreachable")]
    [InlineData("another-database", "replica.other-installation")]
    [InlineData("the-primary", "replica.not-a-standby")]
    public async Task A_standby_that_cannot_answer_leaves_the_report_on_the_primary_with_a_warning(string replica, string problem)
    {
        await using var other = replica == "another-database" ? new PostgresApp() : null;
        if (other is not null)
        {
            await other.InitializeAsync();
        }

        await using var app = new ReplicaApp(p => replica switch
        {
            "unreachable" => new Npgsql.NpgsqlConnectionStringBuilder(p) { Port = 1 }.ConnectionString,
            "another-database" => _standby!.ConnectionStringFor(other!.ConnectionString),
            _ => p,
        });
        await app.InitializeAsync();

        var (read, persons) = await ReadThenListAsync(app);

        Assert.Equal([read], persons);
        Assert.Contains(app.Logged.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(problem, StringComparison.Ordinal));
    }

    private static async Task<(Guid Read, List<Guid> Persons)> ReadThenListAsync(ReplicaApp app)
    {
        var created = (await app.Service<ApiTokens>().CreateAsync(Actor.System, "sync", ["persons.read"], [], Ct)).Value;
        var reader = app.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Secret);
        var read = await SafetyHost.RegisterAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/persons/{read}?purpose=service.apply", Ct)).StatusCode);
        var office = await app.ClientWithPermissionsAsync(["incidents.read"]);
        var day = app.Service<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        var list = await office.GetFromJsonAsync<JsonElement>(
            $"/api/v1/incidents/affected?actor=token:{created.Token.Id}&from={day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={day.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", Ct);
        return (read, list.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("personId").GetGuid()).ToList());
    }

    private sealed class ReplicaApp(Func<string, string> replica) : PostgresApp
    {
        public LoggedEntries Logged { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:CustodianReadOnly", replica(ConnectionString));
            builder.ConfigureLogging(l => l.AddProvider(Logged));
        }
    }
}
