using System.Net;
using System.Text.RegularExpressions;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.PrivacyCentre;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.PrivacyCentre;

public abstract partial class ContactFormTests(CustodianApp app)
{
    private async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields)
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var form = new Dictionary<string, string>(fields) { ["_handler"] = "contact", ["__RequestVerificationToken"] = token };
        return await client.PostAsync(path, new FormUrlEncodedContent(form.ToDictionary(kv => kv.Key.StartsWith('_') ? kv.Key : $"Input.{kv.Key}", kv => kv.Value)));
    }

    private async Task<List<Inquiry>> InquiriesAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<Inquiry>().ToListAsync();
    }

    private static Dictionary<string, string> Valid(string message) => new()
    {
        ["Name"] = "Ana Pérez", ["Email"] = $"ana-{Guid.NewGuid():N}@example.com", ["Message"] = message,
    };

    [Fact]
    public async Task An_inquiry_is_stored_in_the_vault_and_the_person_is_told_they_may_be_contacted()
    {
        var before = (await InquiriesAsync()).Count;

        var response = await PostAsync("/privacy/contact?lang=en", Valid("When do you answer?"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("We may contact you to confirm the details of your inquiry.", html, StringComparison.Ordinal);
        var inquiries = await InquiriesAsync();
        Assert.Equal(before + 1, inquiries.Count);
        var inquiry = inquiries.OrderBy(i => i.ReceivedAt).Last();
        Assert.Contains(inquiry.Id.ToString(), html, StringComparison.Ordinal);
        var view = await app.Service<Inquiries>().ReadAsync(Actor.System, inquiry.Id, TestContext.Current.CancellationToken);
        Assert.Equal("When do you answer?", view.Value!.Items["inquiry"]);
        Assert.Equal("contact.answer", view.Value.Purpose);
    }

    [Fact]
    public async Task A_script_in_the_inquiry_is_stored_as_text_and_shown_encoded_to_staff()
    {
        var response = await PostAsync("/privacy/contact", Valid("<script>alert('x')</script>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inquiry = (await InquiriesAsync()).OrderBy(i => i.ReceivedAt).Last();
        var view = await app.Service<Inquiries>().ReadAsync(Actor.System, inquiry.Id, TestContext.Current.CancellationToken);
        Assert.Equal("<script>alert('x')</script>", view.Value!.Items["inquiry"]);
        Assert.DoesNotContain("<script>alert", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Message", 4001)]
    [InlineData("Name", 101)]
    [InlineData("Email", 0)]
    public async Task A_bad_or_oversize_field_stores_nothing(string field, int length)
    {
        var before = (await InquiriesAsync()).Count;
        var fields = Valid("hello");
        fields[field] = new string('a', length);

        var response = await PostAsync("/privacy/contact?lang=en", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("validation-message", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await InquiriesAsync()).Count);
    }

    [Theory]
    [InlineData("es", "Complete este campo.")]
    [InlineData("ja", "この項目を入力してください。")]
    [InlineData("en", "Please fill in this field.")]
    public async Task A_missing_field_is_explained_in_the_pages_language(string language, string message)
    {
        var fields = Valid("hola");
        fields["Name"] = "";

        var page = await (await PostAsync($"/privacy/contact?lang={language}", fields)).Content.ReadAsStringAsync();

        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain("field is required", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_as_success_but_stores_nothing()
    {
        var before = (await InquiriesAsync()).Count;
        var fields = Valid("buy now");
        fields["Website"] = "https://spam.example";

        var response = await PostAsync("/privacy/contact?lang=en", fields);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("We have received your inquiry.", page, StringComparison.Ordinal);
        Assert.Equal(before, (await InquiriesAsync()).Count);
        // The reference looks like a real one (a version 7 id), never the all-zero id that gives the bot away.
        Assert.DoesNotContain(Guid.Empty.ToString(), page, StringComparison.Ordinal);
        var shown = Guid.Parse(Regex.Match(page, "centre-receipt\">([0-9a-f-]{36})<").Groups[1].Value);
        Assert.Equal(7, shown.Version);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var response = await app.CreateClient().PostAsync("/privacy/contact", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "contact", ["Input.Name"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Provision_to_an_affiliate_is_recorded_and_refused_by_the_gate_once_stopped()
    {
        var inquiries = app.Service<Inquiries>();
        var ct = TestContext.Current.CancellationToken;
        var id = (await inquiries.SubmitAsync(new ContactSubmission("leverages-group", "Ken Sato", $"ken-{Guid.NewGuid():N}@example.com", null, "Question"), ct)).Value;

        var shared = await inquiries.ShareWithAffiliateAsync(Actor.System, id, "Leverages Medical Care Co., Ltd.", ct);
        var stopped = await inquiries.StopAffiliateSharingAsync(Actor.System, id, ct);
        var refused = await inquiries.ShareWithAffiliateAsync(Actor.System, id, "Leverages Medical Care Co., Ltd.", ct);

        Assert.True(shared.Succeeded);
        Assert.True(stopped.Succeeded);
        Assert.Equal("affiliate.stopped", refused.Failure!.Code);
        Assert.Single(await inquiries.ProvisionsAsync(id, ct));
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var personId = (await inquiries.FindAsync(id, ct)).Value!.PersonId;
        var types = await db.Set<AuditEvent>().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).Select(e => new { e.Type, e.Outcome }).ToListAsync(ct);
        Assert.Contains(types, e => e.Type == AuditEventType.InquirySharedWithAffiliate);
        Assert.Contains(types, e => e.Type == AuditEventType.AffiliateSharingStopped);
        Assert.Contains(types, e => e.Type == AuditEventType.PersonProvided && e.Outcome == AuditOutcome.Refused);
    }

    [Fact]
    public async Task Answering_is_audited_and_cannot_happen_twice()
    {
        var inquiries = app.Service<Inquiries>();
        var ct = TestContext.Current.CancellationToken;
        var id = (await inquiries.SubmitAsync(new ContactSubmission(null, "Ana", $"a-{Guid.NewGuid():N}@example.com", null, "Hi"), ct)).Value;

        var first = await inquiries.AnswerAsync(Actor.System, id, ct);
        var second = await inquiries.AnswerAsync(Actor.System, id, ct);

        Assert.True(first.Succeeded);
        Assert.Equal("inquiry.answered", second.Failure!.Code);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Single(await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.InquiryAnswered && e.Subject == id.ToString()).ToListAsync(ct));
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("es", "es")]
    [InlineData("xx", "ja")]
    [InlineData("<script>", "ja")]
    public async Task Privacy_centre_pages_speak_the_asked_language_or_japanese(string asked, string expected)
    {
        var html = await app.CreateClient().GetStringAsync($"/privacy/contact?lang={Uri.EscapeDataString(asked)}");

        Assert.Contains($"<html lang=\"{expected}\"", html, StringComparison.Ordinal);
        // The centre's own pages carry no note about which notice is binding: the notice's text says so itself (issue 22).
        Assert.DoesNotContain("centre-banner", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class ContactFormTests_Sqlite(SqliteApp app) : ContactFormTests(app), IClassFixture<SqliteApp>;

public sealed class ContactFormTests_Postgres(PostgresApp app) : ContactFormTests(app), IClassFixture<PostgresApp>;
