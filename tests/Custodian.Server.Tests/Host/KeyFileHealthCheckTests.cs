using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Server.Host;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

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
    public async Task A_key_file_deleted_while_running_makes_readiness_fail_and_logs_an_error_without_key_material()
    {
        await using var app = new SqliteApp();
        var logged = new LoggedEntries();
        await using var server = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logged)));
        var ct = TestContext.Current.CancellationToken;
        var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        var keyFile = FileKeyProvider.PathIn(app.DataDirectory);
        var key = (await File.ReadAllTextAsync(keyFile, ct)).Trim();

        File.Delete(keyFile);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", ct)).StatusCode);
        var error = Assert.Single(logged.Entries, e => e.Level == LogLevel.Error && e.Category == typeof(KeyFileHealthCheck).FullName);
        Assert.Contains(error.Values, v => v.Key == "{OriginalFormat}" && v.Value as string == "Key file check failed for key {KeyId}: {Problem}");
        Assert.Contains("the key file is missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logged.Entries, e => e.Message.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_file_replaced_by_a_key_that_no_rotation_made_is_not_taken_and_makes_readiness_fail()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientWithTokenAsync();
        var keyId = app.Service<IKeyProvider>().KeyId;

        await File.WriteAllTextAsync(FileKeyProvider.PathIn(app.DataDirectory), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
        var registered = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"foreign-{Guid.NewGuid():N}@example.com"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Equal(keyId, (await db.Set<PersonKey>().SingleAsync(k => k.PersonId == id, ct)).KeyId);
    }
}
