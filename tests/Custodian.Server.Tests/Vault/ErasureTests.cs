using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

/// <summary>Erasure destroys the person's key and their rows, so nothing readable of them remains anywhere on disk.</summary>
public sealed class ErasureTests
{
    private static async Task<(Guid Id, string Marker, byte[] Wrapped, byte[] Sealed)> RegisterAsync(CustodianApp app, HttpClient client)
    {
        var marker = "Zyxwvut" + Guid.NewGuid().ToString("N")[..10];
        var items = Candidates.Items($"{marker.ToLowerInvariant()}@example.com");
        items["career"] = marker + " career";
        var response = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "service-application", items });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var key = await db.Set<PersonKey>().SingleAsync(k => k.PersonId == id);
        var person = await db.Set<Person>().SingleAsync(p => p.Id == id);
        return (id, marker, key.Wrapped, person.Sealed!);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task Nothing_of_an_erased_person_remains_in_the_sqlite_file_or_its_wal()
    {
        await using var app = new SqliteApp();
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();
        var (id, marker, wrapped, sealedItems) = await RegisterAsync(app, client);
        var files = Directory.GetFiles(app.DataDirectory, "custodian.db*");
        byte[] Disk() => files.Where(File.Exists).SelectMany(f => ReadShared(f)).ToArray();
        Assert.True(Contains(Disk(), sealedItems), "the sealed items should be on disk before erasure");
        Assert.True(Contains(Disk(), wrapped), "the wrapped key should be on disk before erasure");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/persons/{id}")).StatusCode);

        var disk = Disk();
        Assert.False(Contains(disk, wrapped), "wrapped data key left on disk");
        Assert.False(Contains(disk, sealedItems), "sealed items left on disk");
        Assert.False(Contains(disk, Encoding.UTF8.GetBytes(marker)), "plaintext left on disk");
        Assert.False(Contains(disk, Encoding.UTF8.GetBytes(marker.ToLowerInvariant())), "plaintext e-mail left on disk");
    }

    [Fact]
    public async Task Nothing_of_an_erased_person_remains_in_a_pg_dump()
    {
        await using var app = new PostgresApp();
        await app.InitializeAsync();
        var client = await app.ClientWithTokenAsync();
        var (id, marker, wrapped, sealedItems) = await RegisterAsync(app, client);
        Assert.Contains(Convert.ToHexStringLower(wrapped), await PgDumpAsync(app.ConnectionString), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/persons/{id}")).StatusCode);

        var dump = await PgDumpAsync(app.ConnectionString);
        Assert.Contains(id.ToString(), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(wrapped), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(sealedItems), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, dump, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static async Task<string> PgDumpAsync(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var bin = Environment.GetEnvironmentVariable("CUSTODIAN_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"), ["-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "--data-only", builder.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        // bytea is dumped as \x followed by lower-case hex.
        return output;
    }
}
