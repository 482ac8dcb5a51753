using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

public abstract class RequestApiTests(CustodianApp app)
{
    private async Task<List<AuditEvent>> EventsAboutAsync(Guid requestId)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var subject = requestId.ToString();
        return await db.Set<AuditEvent>().Where(e => e.Subject == subject).OrderBy(e => e.Seq).ToListAsync();
    }

    [Fact]
    public async Task Disclosure_runs_from_intake_to_a_letter_and_an_electronic_copy_with_every_transition_audited()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var receipt = await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId));
        var requestId = receipt.GetProperty("id").GetGuid();
        Assert.Matches("^R-[A-Z0-9]{4}-[A-Z0-9]{4}$", receipt.GetProperty("reference").GetString());
        Assert.Equal("awaiting-documents", receipt.GetProperty("state").GetString());

        var document = await RequestFlow.UploadOkAsync(client, requestId);
        var started = await RequestFlow.DetailAsync(client, requestId);
        Assert.NotEqual(JsonValueKind.Null, started.GetProperty("status").GetProperty("dueOn").ValueKind);
        await RequestFlow.AcceptAsync(client, requestId, document);
        await RequestFlow.StepAsync(client, requestId, "verify");
        await RequestFlow.StepAsync(client, requestId, "start");
        Assert.Equal("fulfilled", await RequestFlow.StepAsync(client, requestId, "fulfil"));

        var letter = await client.GetAsync($"/api/v1/requests/{requestId}/letter");
        Assert.Equal("application/pdf", letter.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await letter.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
        var zip = new ZipArchive(await (await client.GetAsync($"/api/v1/requests/{requestId}/disclosure")).Content.ReadAsStreamAsync());
        Assert.Equal(["consents.csv", "disclosure.json", "items.csv", "provision-records.csv", "purposes.csv"], zip.Entries.Select(e => e.FullName).Order());
        using var items = new StreamReader(zip.GetEntry("items.csv")!.Open());
        Assert.Contains("María López", await items.ReadToEndAsync(), StringComparison.Ordinal);

        var events = await EventsAboutAsync(requestId);
        Assert.Equal(
            ["received->awaiting-documents", "awaiting-documents->verified", "verified->in-progress", "in-progress->fulfilled"],
            events.Where(e => e.Type == AuditEventType.RequestTransitioned).Select(e => e.Reason));
        Assert.Contains(events, e => e.Type == AuditEventType.RequestDocumentsDisposed);
        Assert.All(events, e => Assert.DoesNotContain("López", $"{e.Items}{e.Reason}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Documents_are_disposed_of_on_verification_and_their_bytes_are_gone()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId))).GetProperty("id").GetGuid();
        var documentId = await RequestFlow.UploadOkAsync(client, requestId);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/requests/{requestId}/documents/{documentId}")).StatusCode);
        byte[] sealedBefore;
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            sealedBefore = (await db.Set<RequestDocument>().SingleAsync(d => d.Id == documentId)).Sealed!;
        }

        await RequestFlow.AcceptAsync(client, requestId, documentId);
        await RequestFlow.StepAsync(client, requestId, "verify");

        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            var disposed = await db.Set<RequestDocument>().SingleAsync(d => d.Id == documentId);
            Assert.Null(disposed.Sealed);
            Assert.NotNull(disposed.DisposedAt);
        }

        if (app.Provider == "sqlite")
        {
            // secure_delete and the WAL checkpoint leave no copy of the sealed bytes anywhere in the files.
            foreach (var file in Directory.GetFiles(app.DataDirectory, "custodian.db*"))
            {
                var bytes = await ReadSharedAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(sealedBefore.AsSpan(12, 64)) < 0, $"sealed bytes remain in {Path.GetFileName(file)}");
            }
        }

        var gone = await (await client.GetAsync($"/api/v1/requests/{requestId}/documents/{documentId}")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("document.disposed", gone.Code());
    }

    [Fact]
    public async Task Suspension_of_use_takes_effect_in_the_gate_at_once()
    {
        var client = await app.ClientWithTokenAsync();
        var (personId, requestId) = await RequestFlow.InProgressAsync(client, "suspension-of-use");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply")).StatusCode);

        await RequestFlow.StepAsync(client, requestId, "fulfil");

        var refused = await (await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("person.use-suspended", refused.Code());
    }

    [Fact]
    public async Task Erasure_request_erases_the_person()
    {
        var client = await app.ClientWithTokenAsync();
        var (personId, requestId) = await RequestFlow.InProgressAsync(client, "erasure");

        await RequestFlow.StepAsync(client, requestId, "fulfil");

        await (await client.GetAsync($"/api/v1/persons/{personId}?purpose=service.apply")).AssertProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Correction_shows_a_diff_and_changes_the_vault_once_approved()
    {
        var client = await app.ClientWithTokenAsync();
        var (personId, requestId) = await RequestFlow.InProgressAsync(client, "correction", new() { ["career"] = "Head nurse" });

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/v1/requests/{requestId}/diff");
        var line = Assert.Single(diff.GetProperty("changes").EnumerateArray());
        Assert.Equal("Registered nurse", line.GetProperty("current").GetString());
        Assert.Equal("Head nurse", line.GetProperty("proposed").GetString());
        await RequestFlow.StepAsync(client, requestId, "fulfil");

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}?purpose=service.apply");
        Assert.Equal("Head nurse", view.GetProperty("items").GetProperty("career").GetString());
    }

    [Fact]
    public async Task Deletion_of_contents_removes_the_item()
    {
        var client = await app.ClientWithTokenAsync();
        var (personId, requestId) = await RequestFlow.InProgressAsync(client, "deletion", new() { ["experience"] = "" });

        await RequestFlow.StepAsync(client, requestId, "fulfil");

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}?purpose=service.apply");
        Assert.False(view.GetProperty("items").TryGetProperty("experience", out _));
        Assert.True(view.GetProperty("items").TryGetProperty("career", out _));
    }

    [Fact]
    public async Task Refusal_only_on_the_policy_grounds_and_with_an_explanation()
    {
        var client = await app.ClientWithTokenAsync();
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");

        var unknownGround = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/refuse", new { grounds = new[] { "z" }, explanation = "No." }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var noExplanation = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/refuse", new { grounds = new[] { "b" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("grounds", unknownGround.Field());
        Assert.Equal("explanation", noExplanation.Field());
        Assert.Equal("in-progress", (await RequestFlow.DetailAsync(client, requestId)).State());

        Assert.Equal("refused", await RequestFlow.StepAsync(client, requestId, "refuse", new { grounds = new[] { "b" }, explanation = "Answering would seriously interfere with an ongoing audit." }));
        var letter = await client.GetAsync($"/api/v1/requests/{requestId}/letter");
        Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
        Assert.Equal("closed", await RequestFlow.StepAsync(client, requestId, "close"));
    }

    [Fact]
    public async Task Pause_moves_the_due_date_and_extension_needs_a_reason_shown_to_the_person()
    {
        var client = await app.ClientWithTokenAsync();
        var personId = await RequestFlow.RegisterAsync(client);
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(personId))).GetProperty("id").GetGuid();
        await RequestFlow.UploadOkAsync(client, requestId);
        var due = DateOnly.Parse((await RequestFlow.DetailAsync(client, requestId)).GetProperty("status").GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var noReason = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/extend", new { businessDays = 5 })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("reason", noReason.Field());
        await RequestFlow.StepAsync(client, requestId, "extend", new { businessDays = 5, reason = "Records are held at another office." });
        await RequestFlow.StepAsync(client, requestId, "pause", new { reason = "Asked which period the request covers." });
        await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/pause", new { reason = "again" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await RequestFlow.StepAsync(client, requestId, "resume");

        var detail = await RequestFlow.DetailAsync(client, requestId);
        var status = detail.GetProperty("status");
        Assert.True(DateOnly.Parse(status.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > due);
        Assert.Equal("Records are held at another office.", status.GetProperty("extensionReason").GetString());
        Assert.Equal(["started", "extended", "paused", "resumed"], detail.GetProperty("clock").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(3, detail.GetProperty("reminders").GetArrayLength());
    }

    [Fact]
    public async Task Request_form_is_disposed_of_after_the_configured_period_from_closing()
    {
        var client = await app.ClientWithTokenAsync();
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "notification-of-purpose");
        await RequestFlow.StepAsync(client, requestId, "fulfil");
        await RequestFlow.StepAsync(client, requestId, "close");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/requests/{requestId}/letter")).StatusCode);
        var workflow = app.Service<RequestWorkflow>();
        await workflow.DisposeFormsAsync(Custodian.Gate.Actor.System);
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            var fresh = await db.Set<DataRequest>().SingleAsync(r => r.Id == requestId);
            Assert.NotNull(fresh.SealedForm);
            fresh.ClosedAt = fresh.ClosedAt!.Value.AddDays(-366);
            await db.SaveChangesAsync();
        }

        await workflow.DisposeFormsAsync(Custodian.Gate.Actor.System);

        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            var disposed = await db.Set<DataRequest>().SingleAsync(r => r.Id == requestId);
            Assert.Null(disposed.SealedForm);
            Assert.Empty(disposed.WrappedKey);
        }

        Assert.Contains(await EventsAboutAsync(requestId), e => e.Type == AuditEventType.RequestFormDisposed);
        var gone = await (await client.GetAsync($"/api/v1/requests/{requestId}/letter")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("request.form-disposed", gone.Code());
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

public sealed class RequestApiTests_Sqlite(SqliteApp app) : RequestApiTests(app), IClassFixture<SqliteApp>;

public sealed class RequestApiTests_Postgres(PostgresApp app) : RequestApiTests(app), IClassFixture<PostgresApp>;
