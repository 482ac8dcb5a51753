using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Staff;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.Tests.Provision;

/// <summary>
/// The group policy's joint users include companies abroad (APPI Art. 28). A staff account names the joint user it belongs
/// to; a read by the staff of a joint user abroad is a transfer abroad and leaves a provision record that the person's page,
/// their disclosure and the records CSV show.
/// </summary>
public abstract class JointUserAbroadTests(CustodianApp app)
{
    private const string Abroad = "leverages-career-mexico";
    private const string AbroadName = "Leverages Career Mexico S.A. de C.V.";
    private const string AtHome = "leverages-group-companies";
    private static int _peers;

    // The fixture allows six sign-ins a minute per address: each sign-in comes from an address of its own.
    private static string Peer()
    {
        var n = Interlocked.Increment(ref _peers);
        return $"198.21.{n / 250}.{n % 250 + 1}";
    }

    private static string JointUserOf(Guid account) => $"/api/v1/staff/accounts/{account}/joint-user";

    [Fact]
    public async Task A_read_by_the_staff_of_a_joint_user_abroad_leaves_a_transfer_record_shown_in_the_history_the_disclosure_and_the_csv()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var joint = await JointStaffAsync(admin, Abroad);
        var person = await RegisterGroupPersonAsync();

        var read = await joint.Client.GetAsync($"/api/v1/persons/{person}?purpose=inquiry.respond", ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var items = (await read.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("items");
        // Joint users see the shared items only: the inquiry's content is not among them.
        Assert.Equal(["email", "name", "telephone"], items.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var record = Assert.Single(await RecordsAsync(person));
        Assert.Equal(
            (RecipientKinds.JointUserAbroad, Abroad, "MX", "inquiry.respond", $"staff:{joint.Id}", AbroadName),
            (record.RecipientKind, record.JointUser, record.Country, record.Purpose, record.RequestedBy, record.RecipientName));
        Assert.Equal(["email", "name", "telephone"], record.Items.Split(',').Order(StringComparer.Ordinal));

        var csv = await admin.Client.GetStringAsync($"/api/v1/provision/records?personId={person}&format=csv", ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        // The three columns of a transfer abroad come last; the items column holds commas, so the row is not split here.
        Assert.EndsWith(",joint_user,country,purpose", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($",{Abroad},MX,inquiry.respond", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{RecipientKinds.JointUserAbroad},,{AbroadName},", lines[1], StringComparison.Ordinal);

        var disclosed = Assert.Single(await app.Service<IProvisionRecordSource>().ForPersonAsync(person, ct));
        Assert.Equal((AbroadName, "MX", "inquiry.respond"), (disclosed.Recipient, disclosed.Country, disclosed.Purpose));

        var page = await admin.Client.GetStringAsync($"/console/persons/{person}", ct);
        Assert.Contains($"{AbroadName} (Mexico)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_through_a_token_of_a_joint_user_abroad_leaves_a_transfer_record_naming_the_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await app.Service<ApiTokens>().CreateAsync(Actor.System, "mx-sync", ["persons.read"], [], Abroad, ct);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Value.Secret);
        var person = await RegisterGroupPersonAsync();

        var read = await client.GetAsync($"/api/v1/persons/{person}?purpose=inquiry.respond", ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var record = Assert.Single(await RecordsAsync(person));
        Assert.Equal((Abroad, "MX", $"token:{created.Value.Token.Id}"), (record.JointUser, record.Country, record.RequestedBy));
    }

    [Fact]
    public async Task A_read_by_the_staff_of_a_joint_user_at_home_leaves_no_transfer_record()
    {
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var joint = await JointStaffAsync(admin, AtHome);
        var person = await RegisterGroupPersonAsync();

        var read = await joint.Client.GetAsync($"/api/v1/persons/{person}?purpose=inquiry.respond", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(await RecordsAsync(person));
    }

    [Fact]
    public async Task A_joint_user_reads_no_person_of_a_policy_that_does_not_share_with_it()
    {
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var joint = await JointStaffAsync(admin, Abroad);
        var mexican = await SafetyHost.RegisterAsync(app);

        var read = await joint.Client.GetAsync($"/api/v1/persons/{mexican}?purpose=service.apply", TestContext.Current.CancellationToken);

        Assert.Equal("joint-use.not-a-member", (await read.AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Empty(await RecordsAsync(mexican));
    }

    [Fact]
    public async Task A_joint_user_no_policy_names_is_refused_naming_the_field_and_the_account_is_left_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var account = await SafetyHost.SignInNewAsync(app, "recruiter", Peer());

        var refused = await admin.Client.PutAsJsonAsync(JointUserOf(account.Id), new { jointUser = "nowhere-ltd" }, ct);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("jointUser", "staff.joint-user-unknown"), (problem.Field(), problem.Code()));
        Assert.Contains(Abroad, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var shown = await admin.Client.GetFromJsonAsync<JsonElement>($"/api/v1/staff/accounts/{account.Id}", ct);
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("jointUser").ValueKind);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.False(await db.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventType.StaffJointUserSet && e.Subject == account.Id.ToString(), ct));
        // The account's session was not ended by the refused change.
        Assert.Equal(HttpStatusCode.OK, (await account.Client.GetAsync("/api/v1/staff/me/sessions", ct)).StatusCode);
    }

    [Fact]
    public async Task A_tokens_joint_user_set_from_the_api_applies_to_its_very_next_request_and_is_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var (token, client) = await TokenAsync("mx-later");
        var person = await RegisterGroupPersonAsync();
        var read = $"/api/v1/persons/{person}?purpose=inquiry.respond";
        // Read as the operator's own service first, so this server keeps the token as checked.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(read, ct)).StatusCode);
        Assert.Empty(await RecordsAsync(person));

        var set = await admin.Client.PutAsJsonAsync(TokenJointUserOf(token), new { jointUser = Abroad }, ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var shown = await set.Content.ReadAsStringAsync(ct);
        Assert.Equal(Abroad, JsonDocument.Parse(shown).RootElement.GetProperty("jointUser").GetString());
        Assert.DoesNotContain("secret", shown, StringComparison.OrdinalIgnoreCase);
        // Its very next request acts for the joint user abroad, though the token was checked moments ago.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(read, ct)).StatusCode);
        var record = Assert.Single(await RecordsAsync(person));
        Assert.Equal((Abroad, "MX", $"token:{token}"), (record.JointUser, record.Country, record.RequestedBy));
        var set2 = Assert.Single(await TokenJointUserEventsAsync(token));
        Assert.Equal(($"staff:{admin.Id}", Abroad), (set2.Actor, set2.Reason));
    }

    [Fact]
    public async Task A_tokens_joint_user_no_policy_names_is_refused_naming_the_field_and_the_token_is_left_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var (token, _) = await TokenAsync("nowhere-sync");

        var refused = await admin.Client.PutAsJsonAsync(TokenJointUserOf(token), new { jointUser = "nowhere-ltd" }, ct);
        var unknown = await admin.Client.PutAsJsonAsync(TokenJointUserOf(Guid.NewGuid()), new { jointUser = Abroad }, ct);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(("jointUser", "staff.joint-user-unknown"), (problem.Field(), problem.Code()));
        Assert.Equal("token.unknown", (await unknown.AssertProblemAsync(HttpStatusCode.NotFound)).Code());
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", ct)).RootElement;
        var example = document.GetProperty("paths").GetProperty("/api/v1/staff/tokens/{id}/joint-user").GetProperty("put")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(Abroad, example.GetProperty("jointUser").GetString());
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Null((await db.Set<ApiToken>().SingleAsync(t => t.Id == token, ct)).JointUser);
        Assert.Empty(await TokenJointUserEventsAsync(token));
    }

    [Fact]
    public async Task A_tokens_joint_user_is_set_from_the_console_choosing_the_token_by_its_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SafetyHost.SignInNewAsync(app, "administrator", Peer());
        var name = $"console-sync-{Guid.NewGuid():N}"[..24];
        var (token, _) = await TokenAsync(name);
        const string Page = "/console/safe-management/accounts";
        Assert.Contains($"<option value=\"{token}\">{name}</option>", await admin.Client.GetStringAsync(Page, ct), StringComparison.Ordinal);

        var posted = await admin.Client.PostAsync(Page, await SafetyHost.FormAsync(admin.Client, Page, "token-joint-user",
            ("TokenJointUser.TokenId", token.ToString()), ("TokenJointUser.Member", AtHome)), ct);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        Assert.Equal(AtHome, (await db.Set<ApiToken>().SingleAsync(t => t.Id == token, ct)).JointUser);
        Assert.Single(await TokenJointUserEventsAsync(token));
        Assert.Contains(" (joint user: ", await admin.Client.GetStringAsync(Page + "?lang=en", ct), StringComparison.Ordinal);
    }

    private static string TokenJointUserOf(Guid token) => $"/api/v1/staff/tokens/{token}/joint-user";

    private async Task<(Guid Id, HttpClient Client)> TokenAsync(string name)
    {
        var created = await app.Service<ApiTokens>().CreateAsync(Actor.System, name, ["persons.read"], []);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Value.Secret);
        return (created.Value.Token.Id, client);
    }

    private async Task<List<AuditEvent>> TokenJointUserEventsAsync(Guid token)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.ApiTokenJointUserSet && e.Subject == token.ToString()).ToListAsync();
    }

    /// <summary>A joint user's staff account, named its joint user by an administrator before its first sign-in.</summary>
    private async Task<SignedIn> JointStaffAsync(SignedIn admin, string member) =>
        await SafetyHost.SignInNewAsync(app, JointUserCheck.Role, Peer(), async id =>
        {
            var set = await admin.Client.PutAsJsonAsync(JointUserOf(id), new { jointUser = member });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(member, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jointUser").GetString());
        });

    private async Task<Guid> RegisterGroupPersonAsync()
    {
        var client = await app.ClientWithTokenAsync();
        var response = await client.PostAsJsonAsync("/api/v1/persons", new
        {
            channel = "contact",
            policyId = "leverages-group",
            items = new Dictionary<string, string>
            {
                ["name"] = "Hana Sato",
                ["email"] = $"hana.{Guid.NewGuid():N}@example.com",
                ["telephone"] = "+81 3 5555 0101",
                ["inquiry"] = "Do you place engineers in Osaka?",
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<ProvisionRecord>> RecordsAsync(Guid person)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<ProvisionRecord>().AsNoTracking().Where(r => r.PersonId == person).ToListAsync();
    }
}

public sealed class JointUserAbroadTests_Sqlite(SafetySqliteApp app) : JointUserAbroadTests(app), IClassFixture<SafetySqliteApp>;

public sealed class JointUserAbroadTests_Postgres(SafetyPostgresApp app) : JointUserAbroadTests(app), IClassFixture<SafetyPostgresApp>;
