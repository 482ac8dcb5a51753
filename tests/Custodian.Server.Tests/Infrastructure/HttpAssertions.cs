using System.Net;
using System.Text.Json;

namespace Custodian.Server.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts an RFC 7807 response with the status, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }

    public static string? Field(this JsonElement problem) =>
        problem.TryGetProperty("field", out var field) ? field.GetString() : null;

    public static string? Code(this JsonElement problem) =>
        problem.TryGetProperty("code", out var code) ? code.GetString() : null;
}
