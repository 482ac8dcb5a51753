using System.Net;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Server.Tests.Host;

/// <summary>A first start on an empty data folder is quiet: the schema is made before anything reads it.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task A_first_start_on_an_empty_data_folder_logs_no_error()
    {
        await using var app = new SqliteApp();
        var logged = new LoggedEntries();
        await using var server = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logged)));

        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);

        Assert.DoesNotContain(logged.Entries, e => e.Level >= LogLevel.Error);
    }
}
