using Custodian.Server.Host;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Tests.Host;

/// <summary>Cookie keys are kept in the database, sealed, and shared by every server on it; none goes to the home folder.</summary>
public sealed class DataProtectionKeyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Keys_are_sealed_in_the_database_and_a_second_server_on_it_opens_the_firsts_cookies()
    {
        var ct = TestContext.Current.CancellationToken;
        // The sign-in form sets the antiforgery cookie, which creates the first key.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/console/sign-in", ct)).StatusCode);
        var cookie = app.Service<IDataProtectionProvider>().CreateProtector("a cookie").Protect("session 42");

        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            var row = Assert.Single(await db.Set<DataProtectionKey>().ToListAsync(ct));
            Assert.Contains("<sealed", row.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", row.Xml, StringComparison.Ordinal);
        }

        Assert.IsType<DatabaseXmlRepository>(app.Service<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        await using var second = app.WithWebHostBuilder(_ => { });
        var opened = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("a cookie").Unprotect(cookie);
        Assert.Equal("session 42", opened);
    }
}
