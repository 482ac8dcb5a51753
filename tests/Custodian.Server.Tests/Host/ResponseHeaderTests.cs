using System.Net;
using System.Net.Http.Json;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Requests;

namespace Custodian.Server.Tests.Host;

public sealed class ResponseHeaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/api/v1/policy")]
    [InlineData("/privacy/requests/status")]
    public async Task Every_endpoint_answers_no_store(string path)
    {
        var client = await app.ClientWithTokenAsync();

        var response = await client.GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_person_read_answers_no_store()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);

        var response = await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply");

        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task An_identity_document_is_sent_as_an_attachment_with_a_generated_name()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId))).GetProperty("id").GetGuid();
        var documentId = await RequestFlow.UploadOkAsync(client, requestId);

        var response = await client.GetAsync($"/api/v1/requests/{requestId}/documents/{documentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"document-{documentId:N}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_json_body_with_a_key_given_twice_is_refused_naming_the_key()
    {
        var client = await app.ClientWithTokenAsync();
        var body = new StringContent("""{"email":"a@example.com","email":"b@example.com","purpose":"service.provide-to-user-company"}""", System.Text.Encoding.UTF8, "application/json");

        var problem = await (await client.PostAsync("/api/v1/persons/search", body)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("body.duplicate-key", problem.Code());
        Assert.Equal("email", problem.Field());
        Assert.Contains("'email'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
