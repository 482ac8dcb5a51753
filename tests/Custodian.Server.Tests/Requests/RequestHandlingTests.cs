using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Requests;

/// <summary>What staff need to handle a request: the submission, the persons it may concern, opened documents, words in letters.</summary>
public abstract class RequestHandlingTests(CustodianApp app)
{
    private static readonly Actor Staff = new(ActorKind.Staff, Guid.NewGuid(), "administrator");

    [Fact]
    public async Task A_document_nobody_opened_cannot_be_accepted()
    {
        var client = await app.ClientWithTokenAsync();
        var requestId = (await RequestFlow.SubmitAsync(client, RequestFlow.Body(await RequestFlow.RegisterAsync(client)))).GetProperty("id").GetGuid();
        var documentId = await RequestFlow.UploadOkAsync(client, requestId);

        var refused = await (await client.PostAsJsonAsync($"/api/v1/requests/{requestId}/documents/{documentId}/review", new { accept = true }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("document.not-opened", refused.Code());
        var detail = await RequestFlow.DetailAsync(client, requestId);
        Assert.Equal("uploaded", detail.GetProperty("status").GetProperty("documents")[0].GetProperty("state").GetString());
        await RequestFlow.AcceptAsync(client, requestId, documentId);
        Assert.Equal("accepted", (await RequestFlow.DetailAsync(client, requestId)).GetProperty("status").GetProperty("documents")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Staff_read_the_submission_and_the_persons_holding_its_e_mail_and_the_view_is_audited_by_id_only()
    {
        var client = await app.ClientWithTokenAsync();
        var email = $"twice-{Guid.NewGuid():N}@example.com";
        // Two persons registered with one address: the privacy centre cannot tell which, so the request stays unlinked.
        var first = await RequestFlow.RegisterAsync(client, email);
        var second = await RequestFlow.RegisterAsync(client, email);
        var receipt = (await app.Service<RequestIntake>().SubmitAsync(Actor.System, new Intake("disclosure", Requester.Person, "privacy-centre", "en", null,
            new RequestForm { PersonName = "Lucía Torres", Email = email, MailingAddress = "Calle 5 de Mayo 3, Puebla", Details = "Please send everything." }),
            TestContext.Current.CancellationToken)).Value!;

        var submission = (await app.Service<RequestSubmissions>().ViewAsync(Staff, receipt.Id, cancellationToken: TestContext.Current.CancellationToken)).Value!;

        Assert.Equal("Lucía Torres", submission.Form.PersonName);
        Assert.Equal("Calle 5 de Mayo 3, Puebla", submission.Form.MailingAddress);
        Assert.Equal(new[] { first, second }.Order(), submission.Suggestions.Select(s => s.Id).Order());
        Assert.All(submission.Suggestions, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var viewed = await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.RequestFormViewed && e.Subject == receipt.Id.ToString(), TestContext.Current.CancellationToken);
        Assert.Equal(Staff.AuditName, viewed.Actor);
        Assert.DoesNotContain("Torres", $"{viewed.Items}{viewed.Reason}{viewed.Purpose}", StringComparison.Ordinal);
        Assert.DoesNotContain("@", $"{viewed.Items}{viewed.Reason}{viewed.Purpose}", StringComparison.Ordinal);

        Assert.True((await app.Service<RequestIntake>().LinkPersonAsync(Staff, receipt.Id, second, TestContext.Current.CancellationToken)).Succeeded);
        Assert.Empty((await app.Service<RequestSubmissions>().ViewAsync(Staff, receipt.Id, cancellationToken: TestContext.Current.CancellationToken)).Value!.Suggestions);
    }

    [Fact]
    public async Task The_disclosure_preview_shows_what_the_letter_will_and_is_audited()
    {
        var client = await app.ClientWithTokenAsync();
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");

        var preview = await app.Service<RequestSubmissions>().PreviewDisclosureAsync(Staff, requestId, TestContext.Current.CancellationToken);

        Assert.True(preview.Succeeded, preview.Failure?.Detail);
        Assert.Contains(preview.Value!.Items, kv => kv.Key == "name");
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventType.RequestDisclosurePreviewed && e.Subject == requestId.ToString(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_electronic_disclosure_writes_iso_dates_and_words_not_ids()
    {
        var client = await app.ClientWithTokenAsync();
        var (personId, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var policy = app.Service<Custodian.Policy.PolicyStore>().Default;
            db.Add(new Custodian.Consent.ConsentRecord
            {
                Id = Guid.CreateVersion7(), PersonId = personId, Purpose = "service.provide-to-user-company", Given = true,
                PolicyId = policy.Id, PolicyVersion = policy.Version, Channel = "staff", At = app.Service<TimeProvider>().GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal("fulfilled", await RequestFlow.StepAsync(client, requestId, "fulfil"));

        var zip = new ZipArchive(await (await client.GetAsync($"/api/v1/requests/{requestId}/disclosure", TestContext.Current.CancellationToken)).Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        using var reader = new StreamReader(zip.GetEntry("consents.csv")!.Open());
        var lines = (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("at,purpose,choice,channel,policy_version", lines[0]);
        var cells = lines[^1].Split(',');
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", cells[0]);
        Assert.Contains("1c. based on your consent", lines[^1], StringComparison.Ordinal);
        Assert.Contains("consent given", lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("service.provide-to-user-company", lines[^1], StringComparison.Ordinal);
    }
}

public sealed class RequestHandlingTests_Sqlite(SqliteApp app) : RequestHandlingTests(app), IClassFixture<SqliteApp>;

public sealed class RequestHandlingTests_Postgres(PostgresApp app) : RequestHandlingTests(app), IClassFixture<PostgresApp>;
