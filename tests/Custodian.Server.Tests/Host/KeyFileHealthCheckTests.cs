using System.Net;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Host;

/// <summary>A fresh database gets a key and its check; a key file lost while running makes the server not ready.</summary>
public sealed class KeyFileHealthCheckTests
{
    [Fact]
    public async Task A_fresh_database_gets_a_key_file_and_the_key_check_for_it()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;

        Assert.True(File.Exists(FileKeyProvider.PathIn(app.DataDirectory)));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var check = Assert.Single(await db.Set<KeyCheck>().ToListAsync(ct));
        Assert.Equal(app.Service<IKeyProvider>().KeyId, check.KeyId);
        Assert.Equal(((FileKeyProvider)app.Service<IKeyProvider>()).CheckValue(), check.Check);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready", ct)).StatusCode);
    }

    [Fact]
    public async Task A_key_file_deleted_while_running_makes_readiness_fail()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        File.Delete(FileKeyProvider.PathIn(app.DataDirectory));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);
    }
}
