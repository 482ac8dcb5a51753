using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

/// <summary>
/// Erasure wins the race with readers: 16 clients read one person over HTTP while it is erased. Every read that
/// started after the DELETE answered is 410, and the chain holds no allowed use of the person after its erasure.
/// </summary>
public sealed class ErasureRaceTests
{
    private const int Readers = 16;

    [Fact]
    public async Task Concurrent_readers_get_nothing_after_the_erasure_on_sqlite()
    {
        await using var app = new SqliteApp();
        await RaceAsync(app);
    }

    [Fact]
    public async Task Concurrent_readers_get_nothing_after_the_erasure_on_postgres()
    {
        await using var app = new PostgresApp();
        await RaceAsync(app);
    }

    private static async Task RaceAsync(CustodianApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();
        var registered = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(), ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();

        var reads = new System.Collections.Concurrent.ConcurrentBag<(long Started, HttpStatusCode Status)>();
        var completed = 0;
        long erasedAt = long.MaxValue;
        async Task ReadAsync()
        {
            // Each reader goes on until it has made a few reads that started after the DELETE answered.
            for (var after = 0; after < 5;)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply", ct);
                reads.Add((started, response.StatusCode));
                Interlocked.Increment(ref completed);
                after += started > Interlocked.Read(ref erasedAt) ? 1 : 0;
            }
        }

        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(ReadAsync, ct)).ToList();
        while (Volatile.Read(ref completed) < Readers * 10)
        {
            await Task.Delay(5, ct);
        }

        var erased = await client.DeleteAsync($"/api/v1/persons/{id}", ct);
        Interlocked.Exchange(ref erasedAt, Stopwatch.GetTimestamp());
        await Task.WhenAll(readers);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Contains(reads, r => r.Status == HttpStatusCode.OK);
        var late = reads.Where(r => r.Started > erasedAt).ToList();
        Assert.True(late.Count >= Readers * 5);
        Assert.All(late, r => Assert.Equal(HttpStatusCode.Gone, r.Status));
        Assert.All(reads, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Gone, $"a read answered {r.Status}"));

        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var events = await db.Set<AuditEvent>().AsNoTracking().Where(e => e.PersonId == id).OrderBy(e => e.Seq).ToListAsync(ct);
        var erasure = Assert.Single(events, e => e.Type == AuditEventType.PersonErased).Seq;
        Assert.DoesNotContain(events, e => e.Seq > erasure && e.Outcome == AuditOutcome.Allowed);
        Assert.Equal(reads.Count, events.Count(e => e.Type == AuditEventType.PersonRead));
        var verified = await app.Service<AuditVerifier>().VerifyAsync(cancellationToken: ct);
        Assert.True(verified.Intact, verified.Problem);
    }
}
