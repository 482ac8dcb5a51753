using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Vault;

/// <summary>
/// Issue 19: a database put back from a copy taken before an erasure brought the person back readable. The server's
/// start now erases again everyone the erasure ledger under data/keys names.
/// </summary>
public sealed class ErasureReplayTests
{
    [Fact]
    public async Task A_person_erased_after_the_database_files_were_copied_is_not_readable_once_they_are_put_back()
    {
        var data = Directory.CreateTempSubdirectory("custodian-replay-").FullName;
        var copy = data + "-copy";
        try
        {
            Guid id;
            await using (var first = await StartAsync(data))
            {
                var registered = await (await first.ClientWithTokenAsync()).PostAsJsonAsync("/api/v1/persons", Candidates.Registration("replay@example.com"), TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
                id = (await registered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
            }

            CopyDatabase(data, copy);
            await using (var second = await StartAsync(data))
            {
                Assert.Equal(HttpStatusCode.NoContent, (await (await second.ClientWithTokenAsync()).DeleteAsync($"/api/v1/persons/{id}", TestContext.Current.CancellationToken)).StatusCode);
            }

            CopyDatabase(copy, data);
            await using var restarted = await StartAsync(data);
            var read = await (await restarted.ClientWithTokenAsync()).GetAsync($"/api/v1/persons/{id}?purpose=service.apply", TestContext.Current.CancellationToken);

            Assert.Equal("person.erased", (await read.AssertProblemAsync(HttpStatusCode.Gone)).Code());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<SqliteApp> StartAsync(string data)
    {
        var app = new SqliteApp { DataDirectory = data, KeepsDataDirectory = true };
        await app.InitializeAsync();
        return app;
    }

    /// <summary>The database's files as an operator would copy them, with the server stopped; the key folder stays.</summary>
    private static void CopyDatabase(string from, string to)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(to, "custodian.db*"))
        {
            File.Delete(file);
        }

        foreach (var file in Directory.GetFiles(from, "custodian.db*"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
