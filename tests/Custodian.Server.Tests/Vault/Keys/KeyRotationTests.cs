using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Requests;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Tests.Vault.Keys;

/// <summary>
/// <c>custodian keys rotate</c> in another process while the server serves: nothing stops being readable or findable,
/// nothing is left that the retired key opens, the chain verifies and records the rotation, and a stopped rotation
/// is finished by the next run.
/// </summary>
public abstract class KeyRotationTests
{
    protected abstract CustodianApp NewApp();

    [Fact]
    public async Task Rotation_while_the_server_reads_leaves_everyone_readable_and_findable_and_nothing_the_old_key_opens()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientWithTokenAsync();
        var emails = Enumerable.Range(0, 24).Select(i => $"rotate-{i}-{Guid.NewGuid():N}@example.com").ToList();
        var ids = new List<Guid>();
        foreach (var email in emails)
        {
            ids.Add(await RequestFlow.RegisterAsync(client, email));
        }

        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(ids[0]))).GetProperty("id").GetGuid();
        var documentId = await RequestFlow.UploadOkAsync(client, requestId);
        await app.Service<AuditCheckpoints>().WriteAsync(ct);
        var oldKeyId = app.Service<IKeyProvider>().KeyId;

        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => ReadUntilAsync(client, ids, stop.Token)).ToArray();
        RotationDone done;
        await using (var rotation = RotationProcess.Open(app))
        {
            done = await rotation.RotateAsync(batchSize: 5, cancellationToken: ct);
        }

        await stop.CancelAsync();
        Assert.Empty((await Task.WhenAll(readers)).SelectMany(failed => failed));
        Assert.Equal([oldKeyId], done.Retired);
        Assert.NotEqual(oldKeyId, done.KeyId);
        Assert.Equal(ids.Count + 1, done.Rewrapped);

        foreach (var (id, email) in ids.Zip(emails))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply", ct)).StatusCode);
            var found = await client.PostAsJsonAsync("/api/v1/persons/search", new { email, purpose = "service.answer-inquiries" }, ct);
            Assert.Equal([id], (await found.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("persons").EnumerateArray().Select(e => e.GetGuid()));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/requests/{requestId}/documents/{documentId}", ct)).StatusCode);
        var fresh = await RequestFlow.RegisterAsync(client, $"after-{Guid.NewGuid():N}@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{fresh}?purpose=service.apply", ct)).StatusCode);
        Assert.Equal(done.KeyId, app.Service<IKeyProvider>().KeyId);

        var old = RetiredKey(app, oldKeyId);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var personKeys = await db.Set<PersonKey>().ToListAsync(ct);
        Assert.Equal(ids.Count + 1, personKeys.Count);
        Assert.All(personKeys, k => Assert.Equal(done.KeyId, k.KeyId));
        Assert.All(personKeys, k => Assert.Null(Aead.Open(old.Aes, k.Wrapped, k.PersonId.ToByteArray(bigEndian: true))));
        var request = await db.Set<DataRequest>().SingleAsync(r => r.Id == requestId, ct);
        Assert.Equal(done.KeyId, request.KeyId);
        Assert.Null(Aead.Open(old.Aes, request.WrappedKey, [.. request.Id.ToByteArray(bigEndian: true), .. "key"u8]));
        var check = Assert.Single(await db.Set<KeyCheck>().ToListAsync(ct));
        Assert.Equal(done.KeyId, check.KeyId);
        Assert.Equal(((FileKeyProvider)app.Service<IKeyProvider>()).CheckValue(), check.Check);

        await app.Service<AuditCheckpoints>().WriteAsync(ct);
        var verification = await app.Service<AuditVerifier>().VerifyAsync(cancellationToken: ct);
        Assert.True(verification.Intact, verification.Problem);
        var rotated = Assert.Single(await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.KeyRotated).ToListAsync(ct));
        Assert.Equal($"{oldKeyId} -> {done.KeyId}", rotated.Subject);
        Assert.Equal("system", rotated.Actor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
    }

    [Fact]
    public async Task A_rotation_stopped_after_one_batch_leaves_both_keys_opening_the_data_and_the_next_run_finishes_it()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientWithTokenAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await RequestFlow.RegisterAsync(client));
        }

        var oldKeyId = app.Service<IKeyProvider>().KeyId;
        await using (var stopped = RotationProcess.Open(app))
        {
            using var cancel = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.RotateAsync(batchSize: 5, new Reported(_ => cancel.Cancel()), cancel.Token));
        }

        var byKey = await KeysByIdAsync(app);
        Assert.Equal(7, byKey[oldKeyId]);
        var newKeyId = Assert.Single(byKey.Keys, k => k != oldKeyId);
        Assert.Equal(5, byKey[newKeyId]);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply", ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);

        await using (var rerun = RotationProcess.Open(app))
        {
            var started = await rerun.Rotation.StartAsync(ct);
            using var plan = started.Value!;
            Assert.True(plan.Resumed);
            Assert.Equal(newKeyId, plan.KeyId);
            Assert.Equal(7, plan.Pending);
            var done = (await rerun.Rotation.FinishAsync(plan, batchSize: 5, cancellationToken: ct)).Value!;
            Assert.Equal(7, done.Rewrapped);
            Assert.Equal([oldKeyId], done.Retired);
        }

        Assert.Equal(new Dictionary<string, int> { [newKeyId] = ids.Count }, await KeysByIdAsync(app));
        Assert.Single(Directory.GetFiles(FileKeyProvider.RetiredFolderIn(app.DataDirectory)));
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply", ct)).StatusCode);
        }

        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Single(await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.KeyRotated).ToListAsync(ct));
        Assert.True((await app.Service<AuditVerifier>().VerifyAsync(cancellationToken: ct)).Intact);
    }

    [Fact]
    public async Task A_start_with_the_retired_key_file_in_place_of_the_active_one_is_refused()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        await RequestFlow.RegisterAsync(await app.ClientWithTokenAsync());
        var keyFile = FileKeyProvider.PathIn(app.DataDirectory);
        var retiredKeyFile = await File.ReadAllTextAsync(keyFile, ct);
        await using (var rotation = RotationProcess.Open(app))
        {
            await rotation.RotateAsync(cancellationToken: ct);
        }

        await File.WriteAllTextAsync(keyFile, retiredKeyFile, ct);
        var start = new KeyBootstrap(app.Service<IOptions<StorageOptions>>(), app.Service<IDbContextFactory<CustodianDb>>(), TimeProvider.System);

        var refused = Assert.Throws<KeyFileException>(() => start.Provider);
        Assert.Contains("which a key rotation retired", refused.Message, StringComparison.Ordinal);
    }

    private static KeyMaterial RetiredKey(CustodianApp app, string keyId) =>
        KeyMaterial.Parse(File.ReadAllText(Path.Combine(FileKeyProvider.RetiredFolderIn(app.DataDirectory), keyId["file:".Length..] + ".key")))!;

    private static async Task<Dictionary<string, int>> KeysByIdAsync(CustodianApp app)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<PersonKey>().GroupBy(k => k.KeyId).ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    private static async Task<List<HttpStatusCode>> ReadUntilAsync(HttpClient client, List<Guid> ids, CancellationToken stop)
    {
        var failed = new List<HttpStatusCode>();
        for (var i = 0; i == 0 || !stop.IsCancellationRequested; i++)
        {
            var response = await client.GetAsync($"/api/v1/persons/{ids[i % ids.Count]}?purpose=service.apply", CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failed.Add(response.StatusCode);
            }
        }

        return failed;
    }
}

public sealed class KeyRotationTests_Sqlite : KeyRotationTests
{
    protected override CustodianApp NewApp() => new SqliteApp();
}

public sealed class KeyRotationTests_Postgres : KeyRotationTests
{
    protected override CustodianApp NewApp() => new PostgresApp();
}
