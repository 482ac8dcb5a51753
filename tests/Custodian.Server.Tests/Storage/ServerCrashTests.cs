using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Storage;

/// <summary>
/// The server process killed (SIGKILL) under concurrent registrations, then started again on the same data: every
/// registration it acknowledged is there and readable, and the audit chain verifies.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServerCrashTests
{
    private const int Writers = 8;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_acknowledged_registration_survives_a_kill_of_the_server_and_the_chain_verifies(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var settings = await ServerSettings.CreateAsync(provider);
        var acknowledged = new ConcurrentBag<Guid>();
        var unexpected = new ConcurrentBag<HttpStatusCode>();
        await using (var server = await ServerProcess.StartAsync(settings, ct))
        {
            using var client = server.Client(settings.Token);
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => RegisterUntilGoneAsync(client, w, acknowledged, unexpected), ct)).ToList();
            while (acknowledged.Count < 200 && !writers.All(w => w.IsCompleted))
            {
                await Task.Delay(10, ct);
            }

            await server.KillAsync();
            await Task.WhenAll(writers);

            // Nothing answers on the port: it was the server that died, not a process in front of it.
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/health/live", ct));
        }

        Assert.Empty(unexpected);
        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} registrations were acknowledged before the kill");
        await using (var server = await ServerProcess.StartAsync(settings, ct))
        {
            using var client = server.Client(settings.Token);
            await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct }, async (id, token) =>
            {
                using var read = await client.GetAsync($"/api/v1/persons/{id}?purpose=service.apply", token);
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            });
        }

        await using var services = settings.Services();
        var verified = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken: ct);
        Assert.True(verified.Intact, verified.Problem);
    }

    private static async Task RegisterUntilGoneAsync(HttpClient client, int writer, ConcurrentBag<Guid> acknowledged, ConcurrentBag<HttpStatusCode> unexpected)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var items = Candidates.Items(string.Create(CultureInfo.InvariantCulture, $"crash.{writer}.{i}@example.com"));
            items["telephone"] = string.Create(CultureInfo.InvariantCulture, $"+52 442 {writer:000} {i:0000}");
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "service-application", items });
            }
            catch (HttpRequestException)
            {
                return; // the server is gone: what it acknowledged before is what must have survived.
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    unexpected.Add(response.StatusCode);
                    return;
                }

                try
                {
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                }
                catch (HttpRequestException)
                {
                    return; // killed while the body was on its way: not acknowledged.
                }
            }
        }
    }
}
