using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Mail;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Provision;
using Custodian.Server.Tests.Requests;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Mail;

/// <summary>The outbox against a real SMTP server on each database: what arrives, and that nothing is lost on the way.</summary>
public abstract class MailDeliveryTests(MailApp app)
{
    private static string Address() => $"m-{Guid.NewGuid():N}@example.com";

    private Task<int> SendAsync() => app.Service<MailSender>().SendDueAsync(TestContext.Current.CancellationToken);

    private async Task<MailOutboxEntry> EntryAsync(Guid id)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<MailOutboxEntry>().AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private async Task<List<MailOutboxEntry>> EntriesAsync(Guid requestId)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<MailOutboxEntry>().AsNoTracking().Where(m => m.RequestId == requestId).ToListAsync();
    }

    private async Task<(JsonElement Receipt, string Email)> SubmitAsync(HttpClient client, string language, Guid? personId = null)
    {
        var email = Address();
        var receipt = await RequestFlow.SubmitAsync(client, new
        {
            type = "disclosure",
            requester = "person",
            language,
            personId,
            form = new { personName = "María López", email, mailingAddress = "Av. Constituyentes 100, Querétaro" },
        });
        return (receipt, email);
    }

    private Task<Guid> QueueAsync(string to, Guid? personId = null) =>
        app.Service<IMailOutbox>().EnqueueAsync(new OutgoingMail("request-deadline-reminder", "en", to, RecipientKind.Staff,
            new Dictionary<string, string> { ["reference"] = "R-TEST-0001", ["type"] = "disclosure", ["due"] = "2026-12-24", ["days"] = "2", ["link"] = "/x" }, personId))
            .ContinueWith(t => t.Result.Value, TaskScheduler.Default);

    [Theory]
    [InlineData("es", "Hemos recibido su solicitud")]
    [InlineData("ja", "ご請求を受け付けました")]
    [InlineData("en", "We received your request")]
    public async Task The_acknowledgement_arrives_with_the_reference_in_the_requesters_language_and_without_the_secret(string language, string subject)
    {
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        var client = await app.ClientWithTokenAsync();
        var person = await RequestFlow.RegisterAsync(client);
        var (receipt, email) = await SubmitAsync(client, language, person);

        await SendAsync();

        var message = Assert.Single(app.Smtp.To(email));
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Contains(subject, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://privacy.custodian.test/privacy/requests/status", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt.GetProperty("secret").GetString()!, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Querétaro", message.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await EntriesAsync(receipt.GetProperty("id").GetGuid()));
        Assert.Equal(MailState.Sent, sent.State);
        Assert.Null(sent.Sealed);
        Assert.Empty(sent.WrappedKey);
    }

    [Fact]
    public async Task A_queued_message_is_sealed_at_rest_the_address_and_text_are_not_in_the_row()
    {
        var email = Address();
        var id = await QueueAsync(email);

        var entry = await EntryAsync(id);

        Assert.NotNull(entry.Sealed);
        var stored = System.Text.Encoding.UTF8.GetString(entry.Sealed) + System.Text.Encoding.Latin1.GetString(entry.Sealed);
        Assert.DoesNotContain(email, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("R-TEST-0001", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusing_server_loses_nothing_the_message_waits_is_retried_and_delivered_when_the_server_accepts_again()
    {
        var email = Address();
        var id = await QueueAsync(email);
        app.Smtp.Behaviour = SmtpBehaviour.Refuse;

        await SendAsync();

        var failed = await EntryAsync(id);
        Assert.Equal(MailState.Queued, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("smtp.554", failed.LastError);
        Assert.True((await app.Service<IMailOutbox>().StatusAsync()).Failed >= 1);

        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        await SendAsync();

        Assert.Single(app.Smtp.To(email));
        var sent = await EntryAsync(id);
        Assert.Equal(MailState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
    }

    [Theory]
    [InlineData(SmtpBehaviour.Silent, "smtp.timeout")]
    [InlineData(SmtpBehaviour.Closed, "smtp.connect|smtp.protocol|smtp.io")]
    public async Task A_server_that_times_out_or_hangs_up_loses_nothing_and_the_message_is_delivered_when_it_is_back(SmtpBehaviour behaviour, string code)
    {
        var email = Address();
        var id = await QueueAsync(email);
        app.Smtp.Behaviour = behaviour;

        await SendAsync();

        var waiting = await EntryAsync(id);
        Assert.Equal(MailState.Queued, waiting.State);
        // A dropped connection reads as a reset or as an end of stream, whichever the socket sees first.
        Assert.Contains(waiting.LastError, code.Split('|'));
        Assert.NotNull(waiting.Sealed);

        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        await SendAsync();

        Assert.Single(app.Smtp.To(email));
        Assert.Equal(MailState.Sent, (await EntryAsync(id)).State);
    }

    [Fact]
    public async Task After_the_last_attempt_a_message_is_dead_counted_and_audited_and_staff_can_put_it_back()
    {
        var email = Address();
        var id = await QueueAsync(email);
        app.Smtp.Behaviour = SmtpBehaviour.Refuse;

        for (var i = 0; i < 3; i++)
        {
            await SendAsync();
        }

        var dead = await EntryAsync(id);
        Assert.Equal(MailState.Dead, dead.State);
        Assert.True((await app.Service<IMailOutbox>().StatusAsync()).Dead >= 1);
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventType.MailDead && e.Subject == id.ToString()));
        }

        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        await SendAsync();
        Assert.Empty(app.Smtp.To(email));

        var client = await app.ClientWithTokenAsync();
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/v1/mail/outbox?state=dead");
        Assert.Contains(listed.EnumerateArray(), m => m.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/mail/outbox/{id}/retry", null)).StatusCode);
        await SendAsync();

        Assert.Single(app.Smtp.To(email));
    }

    [Fact]
    public async Task Logs_name_outbox_ids_and_error_codes_never_an_address_or_a_text()
    {
        var client = await app.ClientWithTokenAsync();
        app.Smtp.Behaviour = SmtpBehaviour.Refuse;
        var (receipt, email) = await SubmitAsync(client, "en", await RequestFlow.RegisterAsync(client));
        await SendAsync();
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        await SendAsync();
        Assert.Single(app.Smtp.To(email));

        var entries = app.Logged.Entries;
        Assert.Contains(entries, e => e.Category == typeof(MailSender).FullName && e.Message.Contains("smtp.554", StringComparison.Ordinal));
        var local = email.Split('@')[0];
        Assert.DoesNotContain(entries, e => e.Message.Contains(local, StringComparison.OrdinalIgnoreCase)
            || e.Values.Any(v => v.Value?.ToString()?.Contains(local, StringComparison.OrdinalIgnoreCase) == true));
        Assert.DoesNotContain(entries, e => e.Message.Contains("We received your request", StringComparison.Ordinal)
            || e.Message.Contains(receipt.GetProperty("secret").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasing_a_person_deletes_their_waiting_mail_so_nothing_about_them_is_sent()
    {
        var client = await app.ClientWithTokenAsync();
        var person = await RequestFlow.RegisterAsync(client);
        app.Smtp.Behaviour = SmtpBehaviour.Refuse;
        var (receipt, email) = await SubmitAsync(client, "en", person);
        var direct = await QueueAsync(Address(), person);
        await SendAsync();
        var requestId = receipt.GetProperty("id").GetGuid();
        Assert.Single(await EntriesAsync(requestId));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/persons/{person}")).StatusCode);

        Assert.Empty(await EntriesAsync(requestId));
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            Assert.False(await db.Set<MailOutboxEntry>().AnyAsync(m => m.Id == direct));
        }

        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        await SendAsync();
        Assert.Empty(app.Smtp.To(email));
    }

    [Fact]
    public async Task A_rejected_document_and_the_answer_are_mailed_to_the_address_on_the_form()
    {
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        var client = await app.ClientWithTokenAsync();
        var person = await RequestFlow.RegisterAsync(client);
        var (receipt, email) = await SubmitAsync(client, "en", person);
        var requestId = receipt.GetProperty("id").GetGuid();
        var rejected = await RequestFlow.UploadOkAsync(client, requestId);
        await RequestFlow.StepAsync(client, requestId, $"documents/{rejected}/review", new { accept = false, reason = "The scan is unreadable." });
        var accepted = await RequestFlow.UploadOkAsync(client, requestId);
        await RequestFlow.AcceptAsync(client, requestId, accepted);
        await RequestFlow.StepAsync(client, requestId, "verify");
        await RequestFlow.StepAsync(client, requestId, "start");
        await RequestFlow.StepAsync(client, requestId, "fulfil");

        await SendAsync();

        var subjects = app.Smtp.To(email).Select(m => m.Subject ?? "").ToList();
        Assert.Equal(3, subjects.Count);
        Assert.Contains(subjects, s => s.Contains("a document is needed", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("has been answered", StringComparison.Ordinal));
        Assert.Contains("The scan is unreadable.", app.Smtp.To(email).Single(m => (m.Subject ?? "").Contains("document", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deadline_reminder_is_mailed_to_the_privacy_office()
    {
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        var client = await app.ClientWithTokenAsync();
        var (_, requestId) = await RequestFlow.InProgressAsync(client, "disclosure");
        var day = (await RequestFlow.DetailAsync(client, requestId)).GetProperty("reminders").EnumerateArray()
            .Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).First();

        await app.Service<RequestReminders>().SendAsync(day);
        await SendAsync();

        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var reference = await db.Set<DataRequest>().Where(r => r.Id == requestId).Select(r => r.Reference).SingleAsync();
        var message = Assert.Single(app.Smtp.To(MailApp.PrivacyOffice), m => (m.Subject ?? "").Contains(reference, StringComparison.Ordinal));
        Assert.Contains($"/console/requests/{requestId}", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_company_with_an_address_is_mailed_when_a_candidate_withdraws_and_the_message_names_no_candidate()
    {
        app.Smtp.Behaviour = SmtpBehaviour.Accept;
        var h = await ProvisionHarness.StartAsync(app);
        var (person, company) = (await h.PersonAsync(), await h.CompanyAsync());
        var address = Address();
        Assert.Equal(HttpStatusCode.NoContent, (await h.Client.PutAsJsonAsync($"/api/v1/mail/companies/{company}/address", new { address, language = "es" })).StatusCode);
        var entry = (await h.EnteredAsync(person, company)).GetProperty("entryId").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await h.Client.PostAsync($"/api/v1/provision/entries/{entry}/withdraw", null)).StatusCode);
        await SendAsync();

        var message = Assert.Single(app.Smtp.To(address));
        Assert.Contains("retiró su postulación", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Hospital Ángeles", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(person.ToString(), message.TextBody, StringComparison.Ordinal);
    }
}

public sealed class MailDeliveryTests_Sqlite(MailSqliteApp app) : MailDeliveryTests(app), IClassFixture<MailSqliteApp>;

public sealed class MailDeliveryTests_Postgres(MailPostgresApp app) : MailDeliveryTests(app), IClassFixture<MailPostgresApp>;
