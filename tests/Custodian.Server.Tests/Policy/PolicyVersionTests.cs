using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Policy.Changes;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Tests.Policy.Changes;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Policy;

/// <summary>Two versions of the Mexico policy loaded at once: the person keeps theirs, the gate holds back what the change added, the centre lists the changes.</summary>
public abstract class PolicyVersionTests(CustodianApp app)
{
    private async Task<(HttpClient Client, Guid Id)> PersonUnderTheFirstVersionAsync()
    {
        var client = await app.ClientWithTokenAsync();
        var response = await client.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"v-{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.Equal(PolicyVersionFolder.Second, (await db.Set<Person>().SingleAsync(p => p.Id == id)).PolicyVersion);
        // As if they had registered before the second version took effect.
        await db.Set<Person>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PolicyVersion, PolicyVersionFolder.First));
        return (client, id);
    }

    private static Task<HttpResponseMessage> ReadAsync(HttpClient client, Guid id, string purpose) => client.GetAsync($"/api/v1/persons/{id}?purpose={purpose}");

    private static Task<HttpResponseMessage> AgreeAsync(HttpClient client, Guid id, string version) =>
        client.PostAsJsonAsync("/api/v1/consent/policy-version", new { personId = id, policyVersion = version, evidence = new { channel = "web", reference = "form-2026-12" } });

    [Fact]
    public async Task A_person_of_the_old_version_is_refused_the_added_purpose_until_they_agree_to_the_new_one()
    {
        var (client, id) = await PersonUnderTheFirstVersionAsync();

        var refused = await (await ReadAsync(client, id, PolicyVersionFolder.AddedPurpose)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(PolicyChangeCheck.Code, refused.Code());
        Assert.Contains(PolicyVersionFolder.Second, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(client, id, "service.apply")).StatusCode);

        var agreed = await AgreeAsync(client, id, PolicyVersionFolder.Second);

        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(client, id, PolicyVersionFolder.AddedPurpose)).StatusCode);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.Equal(PolicyVersionFolder.Second, (await db.Set<Person>().SingleAsync(p => p.Id == id)).PolicyVersion);
        var events = await db.Set<AuditEvent>().Where(e => e.PersonId == id).ToListAsync();
        Assert.Contains(events, e => e is { Type: AuditEventType.PersonRead, Outcome: AuditOutcome.Refused, Reason: PolicyChangeCheck.Code });
        var agreement = Assert.Single(events, e => e.Type == AuditEventType.PolicyVersionAgreed);
        Assert.Equal(($"{PolicyVersionFolder.PolicyId}/{PolicyVersionFolder.Second}", "web"), (agreement.Subject, agreement.Reason));
    }

    [Fact]
    public async Task Agreeing_to_a_version_not_in_force_is_a_problem_naming_the_field_and_changes_nothing()
    {
        var (client, id) = await PersonUnderTheFirstVersionAsync();

        var problem = await (await AgreeAsync(client, id, "2099-01-01")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("policyVersion", problem.Field());
        Assert.Equal(HttpStatusCode.Forbidden, (await ReadAsync(client, id, PolicyVersionFolder.AddedPurpose)).StatusCode);
    }

    [Fact]
    public async Task The_persons_of_the_old_version_are_told_once()
    {
        var (_, id) = await PersonUnderTheFirstVersionAsync();
        var notices = app.Service<PolicyChangeNotices>();
        var listed = new List<ChangeListEntry>();
        Task Keep(IReadOnlyList<ChangeListEntry> entries, CancellationToken ct)
        {
            listed.AddRange(entries);
            return Task.CompletedTask;
        }

        var first = await notices.NotifyAsync(Actor.System, PolicyVersionFolder.PolicyId, PolicyVersionFolder.Second, Keep, cancellationToken: TestContext.Current.CancellationToken);
        var second = await notices.NotifyAsync(Actor.System, PolicyVersionFolder.PolicyId, PolicyVersionFolder.Second, Keep, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(first.Value!.Mailed >= 1);
        Assert.Equal(0, second.Value!.Mailed);
        Assert.True(second.Value.AlreadyTold >= 1);
        Assert.Empty(listed);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var notice = await db.Set<PolicyChangeNotice>().SingleAsync(n => n.PersonId == id);
        Assert.Equal((PolicyChangeNotice.Mail, PolicyVersionFolder.Second), (notice.Channel, notice.Version));
        Assert.Single(await db.Set<AuditEvent>().Where(e => e.PersonId == id && e.Type == AuditEventType.PolicyChangeNotified).ToListAsync());
    }

    [Fact]
    public async Task The_console_shows_the_versions_and_tells_the_persons_of_the_old_one_with_antiforgery()
    {
        var (_, id) = await PersonUnderTheFirstVersionAsync();
        var staff = await Staff.SafetyHost.SignInNewAsync(app, "privacy-officer", "198.23.0." + Interlocked.Increment(ref _peers));

        var page = WebUtility.HtmlDecode(await staff.Client.GetStringAsync("/console/policy?lang=en"));
        var forged = await staff.Client.PostAsync("/console/policy", new FormUrlEncodedContent([new("_handler", $"notify-{PolicyVersionFolder.PolicyId}-{PolicyVersionFolder.Second}")]));
        var form = await Staff.SafetyHost.FormAsync(staff.Client, "/console/policy", $"notify-{PolicyVersionFolder.PolicyId}-{PolicyVersionFolder.Second}");
        var told = WebUtility.HtmlDecode(await (await staff.Client.PostAsync("/console/policy", form)).Content.ReadAsStringAsync());

        Assert.Contains($"Version {PolicyVersionFolder.Second}", page, StringComparison.Ordinal);
        Assert.Contains("1h. " + PolicyVersionFolder.AddedPurposeEnglish, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains($"Version {PolicyVersionFolder.Second}: ", told, StringComparison.Ordinal);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.Equal(PolicyVersionFolder.Second, (await db.Set<PolicyChangeNotice>().SingleAsync(n => n.PersonId == id)).Version);
        var notified = await db.Set<AuditEvent>().SingleAsync(e => e.PersonId == id && e.Type == AuditEventType.PolicyChangeNotified);
        Assert.Equal($"staff:{staff.Id}", notified.Actor);
    }

    private static int _peers;

    [Theory]
    [InlineData("?lang=en", null, "Changes to the privacy policy", "1h. " + PolicyVersionFolder.AddedPurposeEnglish)]
    [InlineData("?lang=es", null, "Cambios en la política de privacidad", "empresas socias de Leverages")]
    [InlineData("", "ja", "プライバシーポリシーの変更履歴", "キャリアイベントにご招待するため")]
    [InlineData("", "es-MX,es;q=0.9", "Cambios en la política de privacidad", "para invitarle a eventos de carrera")]
    public async Task The_changes_page_lists_what_the_new_version_changed_in_the_reader_s_language(string query, string? acceptLanguage, string title, string change)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/privacy/changes" + query);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await app.CreateClient().SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(change, html, StringComparison.Ordinal);
        Assert.Contains(PolicyVersionFolder.Second, html, StringComparison.Ordinal);
        Assert.DoesNotContain(PolicyVersionFolder.AddedJointUser, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_changes_page_of_an_unknown_policy_is_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/privacy/changes?policy=nope")).StatusCode);
    }
}

public sealed class PolicyVersionTests_Sqlite(VersionedSqliteApp app) : PolicyVersionTests(app), IClassFixture<VersionedSqliteApp>;

public sealed class PolicyVersionTests_Postgres(VersionedPostgresApp app) : PolicyVersionTests(app), IClassFixture<VersionedPostgresApp>;
