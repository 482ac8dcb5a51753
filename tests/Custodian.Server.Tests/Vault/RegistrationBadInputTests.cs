using System.Net;
using System.Net.Http.Json;
using System.Text;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Vault;

/// <summary>Every bad registration gets a problem naming the field, and leaves nothing behind.</summary>
public abstract class RegistrationBadInputTests(CustodianApp app)
{
    private async Task<int> PersonCountAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<Person>().CountAsync();
    }

    private async Task<System.Text.Json.JsonElement> PostRawAsync(string json, HttpStatusCode expected)
    {
        var client = await app.ClientWithTokenAsync();
        var before = await PersonCountAsync();
        var response = await client.PostAsync("/api/v1/persons", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(expected);
        Assert.Equal(before, await PersonCountAsync());
        return problem;
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request()
    {
        var problem = await PostRawAsync("""{"channel": "service-application", "items": {""", HttpStatusCode.BadRequest);
        Assert.Equal("urn:custodian:problem:body.json", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Wrong_type_names_the_field()
    {
        var problem = await PostRawAsync("""{"channel": 42, "items": {}}""", HttpStatusCode.BadRequest);
        Assert.Equal("channel", problem.Field());
    }

    [Fact]
    public async Task Unknown_field_names_the_field()
    {
        var problem = await PostRawAsync("""{"channel": "service-application", "items": {}, "isAdmin": true}""", HttpStatusCode.BadRequest);
        Assert.Equal("isAdmin", problem.Field());
    }

    [Fact]
    public async Task Oversize_body_is_refused_with_413()
    {
        var padding = new string('x', 1_100_000);
        await PostRawAsync("{\"channel\": \"service-application\", \"items\": {\"career\": \"" + padding + "\"}}", HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("email", "not-an-address", "items.email")]
    [InlineData("email", "two@@example.com", "items.email")]
    [InlineData("date-of-birth", "12/03/1994", "items.date-of-birth")]
    [InlineData("date-of-birth", "2999-01-01", "items.date-of-birth")]
    [InlineData("telephone", "call me", "items.telephone")]
    [InlineData("sex", "robot", "items.sex")]
    [InlineData("favourite-colour", "blue", "items.favourite-colour")]
    public async Task Invalid_item_is_unprocessable_and_named(string item, string value, string field)
    {
        var items = Candidates.Items($"bad-{Guid.NewGuid():N}@example.com");
        items[item] = value;
        var client = await app.ClientWithTokenAsync();
        var before = await PersonCountAsync();

        var response = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "service-application", items });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain(value, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await PersonCountAsync());
    }

    [Fact]
    public async Task Missing_required_item_is_named()
    {
        var items = Candidates.Items();
        items.Remove("email");
        var client = await app.ClientWithTokenAsync();

        var response = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "service-application", items });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("items.email", out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_channel_is_named()
    {
        var client = await app.ClientWithTokenAsync();

        var response = await client.PostAsJsonAsync("/api/v1/persons", new { channel = "bought-list", items = Candidates.Items() });

        Assert.Equal("channel", (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
    }

    [Fact]
    public async Task Missing_channel_is_named()
    {
        var client = await app.ClientWithTokenAsync();

        var response = await client.PostAsJsonAsync("/api/v1/persons", new { items = Candidates.Items() });

        Assert.Equal("channel", (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
    }

    [Fact]
    public async Task Malformed_id_in_the_path_is_not_found()
    {
        var client = await app.ClientWithTokenAsync();

        var response = await client.GetAsync("/api/v1/persons/not-a-guid?purpose=service.apply");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class RegistrationBadInputTests_Sqlite(SqliteApp app) : RegistrationBadInputTests(app), IClassFixture<SqliteApp>;

public sealed class RegistrationBadInputTests_Postgres(PostgresApp app) : RegistrationBadInputTests(app), IClassFixture<PostgresApp>;
