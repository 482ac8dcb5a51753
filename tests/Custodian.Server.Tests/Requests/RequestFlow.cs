using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Server.Tests.Infrastructure;

namespace Custodian.Server.Tests.Requests;

/// <summary>Steps of the procedure over HTTP, shared by the request tests.</summary>
internal static class RequestFlow
{
    public static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8.ToArray(), .. new byte[200]];
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[100]];

    public static async Task<Guid> RegisterAsync(HttpClient client, string? email = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration(email ?? $"req-{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static object Body(Guid personId, string type = "disclosure", string requester = "person", Dictionary<string, string>? changes = null) => new
    {
        type,
        requester,
        language = "en",
        personId,
        form = new
        {
            personName = "María López",
            mailingAddress = "Av. Constituyentes 100, Querétaro",
            representativeName = requester == "person" ? null : "Jorge López",
            changes,
        },
    };

    public static async Task<JsonElement> SubmitAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/requests", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid requestId, string kind, string holder, byte[] content, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", "scan");
        form.Add(new StringContent(kind), "kind");
        form.Add(new StringContent(holder), "holder");
        return client.PostAsync($"/api/v1/requests/{requestId}/documents", form);
    }

    public static async Task<Guid> UploadOkAsync(HttpClient client, Guid requestId, string kind = "passport", string holder = "person")
    {
        var response = await UploadAsync(client, requestId, kind, holder, Pdf, "application/pdf");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<string> StepAsync(HttpClient client, Guid requestId, string step, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/{step}", body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()!;
    }

    /// <summary>A reviewer opens the document (a document nobody opened cannot be accepted), then accepts it.</summary>
    public static async Task AcceptAsync(HttpClient client, Guid requestId, Guid documentId)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/requests/{requestId}/documents/{documentId}")).StatusCode);
        await StepAsync(client, requestId, $"documents/{documentId}/review", new { accept = true });
    }

    /// <summary>A request taken through documents, review and verification to in progress.</summary>
    public static async Task<(Guid PersonId, Guid RequestId)> InProgressAsync(HttpClient client, string type, Dictionary<string, string>? changes = null)
    {
        var personId = await RegisterAsync(client);
        var requestId = (await SubmitAsync(client, Body(personId, type, changes: changes))).GetProperty("id").GetGuid();
        var document = await UploadOkAsync(client, requestId);
        await AcceptAsync(client, requestId, document);
        Assert.Equal("verified", await StepAsync(client, requestId, "verify"));
        Assert.Equal("in-progress", await StepAsync(client, requestId, "start"));
        return (personId, requestId);
    }

    public static async Task<JsonElement> DetailAsync(HttpClient client, Guid requestId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{requestId}");

    public static string State(this JsonElement detail) => detail.GetProperty("status").GetProperty("state").GetString()!;
}
