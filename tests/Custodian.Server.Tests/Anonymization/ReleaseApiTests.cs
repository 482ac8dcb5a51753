using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Anonymization;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Anonymization;

public abstract class ReleaseApiTests(CustodianApp app)
{
    private const string Releases = "/api/v1/anonymization/releases";

    private async Task<List<Guid>> SeedAsync(int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var batch = Enumerable.Range(0, count).Select(i => new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = $"Candidate {tag} {i}", ["sex"] = i % 2 == 0 ? "female" : "male",
            ["date-of-birth"] = $"{1970 + i % 30}-{1 + i % 12:00}-15", ["address"] = "Av. Constituyentes 100, Querétaro",
            ["telephone"] = $"+52 442 555 {i:0000}", ["email"] = $"c{tag}{i}@example.com",
            ["experience"] = $"{i % 45} years in the field", ["career"] = i % 3 == 0 ? "Registered nurse" : "Software engineer",
        })).ToList();
        Assert.True((await app.Service<PersonVault>().RegisterManyAsync(Actor.System, batch)).Succeeded);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var ids = await db.Set<Person>().Select(p => p.Id).ToListAsync();
        return ids;
    }

    private async Task<int> CountAsync<T>() where T : class
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<T>().CountAsync();
    }

    private async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Releases, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Release_leaves_out_erased_and_suspended_persons_and_reports_the_five_standards()
    {
        var client = await app.ClientWithTokenAsync();
        var ids = await SeedAsync(40);
        var erased = ids[0];
        var suspended = ids[1];
        Assert.True((await app.Service<PersonVault>().EraseAsync(Actor.System, erased)).Succeeded);
        await using (var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync())
        {
            await db.Set<Person>().Where(p => p.Id == suspended).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PersonState.UseSuspended));
        }

        var report = await CreateAsync(client, new { k = 2, suppression = 0.05 });

        var id = report.GetProperty("releaseId").GetGuid();
        Assert.Equal([1, 2, 3, 4, 5], report.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("number").GetInt32()));
        Assert.Contains("name", report.GetProperty("steps")[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Contains("email", report.GetProperty("steps")[1].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.True(report.GetProperty("personsRefused").GetProperty("person.erased").GetInt32() >= 1);
        Assert.True(report.GetProperty("personsRefused").GetProperty("person.use-suspended").GetInt32() >= 1);
        await using var check = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var uses = await check.Set<AuditEvent>().Where(e => e.Subject == "release:" + id).ToListAsync();
        Assert.Contains(uses, e => e.PersonId == erased && e.Outcome == AuditOutcome.Refused && e.Reason == "person.erased");
        Assert.Contains(uses, e => e.PersonId == suspended && e.Outcome == AuditOutcome.Refused);
        Assert.Equal(report.GetProperty("personsIncluded").GetInt32(), uses.Count(e => e.Outcome == AuditOutcome.Allowed));

        var csv = await client.GetStringAsync($"{Releases}/{id}/data.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sex,date-of-birth,experience,career", lines[0].TrimEnd('\r'));
        Assert.Equal(report.GetProperty("personsIncluded").GetInt32(), lines.Length - 1);
        Assert.DoesNotContain("Candidate", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("@", csv, StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Where(l => !l.StartsWith('*')).CountBy(l => l).Select(c => c.Value), n => Assert.True(n >= 2));
    }

    [Theory]
    [InlineData("{\"k\":1}", "k")]
    [InlineData("{\"k\":100000000}", "k")]
    [InlineData("{\"suppression\":1.5}", "suppression")]
    [InlineData("{\"suppression\":-0.1}", "suppression")]
    [InlineData("{\"policyId\":\"no-such-policy\"}", "policyId")]
    [InlineData("{\"policyId\":\"leverages-group\"}", "policyId")]
    public async Task Bad_release_parameters_name_the_field_and_write_nothing(string body, string field)
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(3);
        var before = (await CountAsync<AnonymizedRelease>(), await CountAsync<PublicationEntry>(), await CountAsync<ReleasedData>());

        var response = await client.PostAsync(Releases, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(field, problem.Field());
        Assert.Equal(before, (await CountAsync<AnonymizedRelease>(), await CountAsync<PublicationEntry>(), await CountAsync<ReleasedData>()));
    }

    [Fact]
    public async Task Processing_method_is_only_for_administrators_and_privacy_officers()
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(10);
        var id = (await CreateAsync(client, new { k = 2 })).GetProperty("releaseId").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Releases}/{id}/method")).StatusCode);

        // The method is for people who hold anonymization.method.read: no service token can.
        var (officer, _) = await Staff.SafetyHost.SignInAsync(app, "privacy-officer", "127.0.0.1");

        var method = await officer.GetFromJsonAsync<JsonElement>($"{Releases}/{id}/method");
        Assert.True(method.GetProperty("hierarchies").GetProperty("date-of-birth").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{Releases}/{Guid.NewGuid()}/method")).StatusCode);
        await using var check = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.Contains(await check.Set<AuditEvent>().Where(e => e.Subject == id.ToString()).ToListAsync(), e => e.Type == AuditEventType.ReleaseMethodRead);
        Assert.DoesNotContain("hierarchies", await client.GetStringAsync($"{Releases}/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_records_the_recipient_the_method_and_the_statement()
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(10);
        var id = (await CreateAsync(client, new { k = 2 })).GetProperty("releaseId").GetGuid();

        var response = await client.PostAsJsonAsync($"{Releases}/{id}/provisions", new { recipient = "Criteo K.K.", method = "e-mail" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var provision = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("匿名加工情報", provision.GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Contains("anonymized processed information", provision.GetProperty("statement").GetString(), StringComparison.Ordinal);
        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"{Releases}/{id}/provisions")).EnumerateArray());
        Assert.Equal("Criteo K.K.", listed.GetProperty("recipient").GetString());
    }

    [Theory]
    [InlineData("{\"recipient\":\"Acme Data Brokers\",\"method\":\"e-mail\"}", "recipient")]
    [InlineData("{\"recipient\":\"Criteo K.K.\",\"method\":\"carrier-pigeon\"}", "method")]
    [InlineData("{\"method\":\"e-mail\"}", "recipient")]
    public async Task Provision_to_an_unknown_recipient_or_by_an_unknown_method_is_refused(string body, string field)
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(10);
        var id = (await CreateAsync(client, new { k = 2 })).GetProperty("releaseId").GetGuid();

        var response = await client.PostAsync($"{Releases}/{id}/provisions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(field, (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>($"{Releases}/{id}/provisions")).EnumerateArray());
    }

    [Fact]
    public async Task Statistics_hide_cells_below_the_minimum_size()
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(25);

        var table = await client.GetFromJsonAsync<JsonElement>("/api/v1/statistics?by=career");

        var cells = table.GetProperty("cells").EnumerateArray().ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.True(c.GetProperty("count").ValueKind == JsonValueKind.Null || c.GetProperty("count").GetInt32() >= 10));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.GetAsync("/api/v1/statistics?by=email")).StatusCode);
        Assert.Equal("by", (await (await client.GetAsync("/api/v1/statistics")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
    }

    [Fact]
    public async Task For_a_catch_all_purpose_a_release_and_statistics_without_a_reason_are_refused_naming_it_and_nothing_is_written()
    {
        await using var catchAll = CatchAllServer();
        var (client, actor) = await ClientOfAsync(catchAll);
        await SeedAsync(10);
        var before = (await CountAsync<AnonymizedRelease>(), await CountAsync<UseReason>());

        var release = await client.PostAsJsonAsync(Releases, new { k = 2 });
        var blank = await client.PostAsJsonAsync(Releases, new { k = 2, reason = "   " });
        var counted = await client.PostAsJsonAsync("/api/v1/statistics", new { by = "career" });
        var linked = await client.GetAsync("/api/v1/statistics?by=career");

        foreach (var refused in new[] { release, blank, counted, linked })
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(("reason", "purpose.reason-required"), (problem.Field(), problem.Code()));
        }

        Assert.Equal(before, (await CountAsync<AnonymizedRelease>(), await CountAsync<UseReason>()));
        // Refused before anyone was used: no person's use, allowed or refused, was recorded for the caller.
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.False(await db.Set<AuditEvent>().AnyAsync(e => e.Actor == actor && e.PersonId != null));
    }

    [Fact]
    public async Task For_a_catch_all_purpose_a_release_and_statistics_with_a_reason_seal_it_for_each_person_used()
    {
        await using var catchAll = CatchAllServer();
        var (client, actor) = await ClientOfAsync(catchAll);
        await SeedAsync(12);

        var report = await CreateAsync(client, new { k = 2, reason = Reason });
        var counted = await client.PostAsJsonAsync("/api/v1/statistics", new { by = "career", reason = Reason });

        Assert.True(counted.StatusCode == HttpStatusCode.OK, await counted.Content.ReadAsStringAsync());
        Assert.Equal(CatchAllPurpose, (await counted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("purpose").GetString());
        var id = report.GetProperty("releaseId").GetGuid();
        await AssertReasonSealedForEachUseAsync(" release:" + id, actor, CatchAllPurpose, report.GetProperty("personsIncluded").GetInt32());
        await AssertReasonSealedForEachUseAsync(" statistics:career", actor, CatchAllPurpose, null);
    }

    [Fact]
    public async Task A_reason_given_for_a_purpose_that_needs_none_is_accepted_and_kept_as_the_gate_keeps_it()
    {
        var client = await app.ClientWithTokenAsync();
        await SeedAsync(10);

        var report = await CreateAsync(client, new { k = 2, reason = Reason });
        var counted = await client.PostAsJsonAsync("/api/v1/statistics", new { by = "sex", reason = Reason });
        var tooLong = await client.PostAsJsonAsync("/api/v1/statistics", new { by = "sex", reason = new string('x', UseReasons.MaxLength + 1) });

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal("reason", (await tooLong.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Field());
        var id = report.GetProperty("releaseId").GetGuid();
        await AssertReasonSealedForEachUseAsync(" release:" + id, null, "service.statistics", report.GetProperty("personsIncluded").GetInt32());
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("Quarterly labour-market report for the board", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_release_under_a_catch_all_purpose_uses_the_configured_reason_and_settings_without_one_are_refused_at_start()
    {
        await SeedAsync(10);
        await using var reasoned = app.WithWebHostBuilder(b => b.UseSetting("Anonymization:Purpose", CatchAllPurpose).UseSetting("Anonymization:Schedule:Reason", Reason));
        var validator = new ReleaseOptionsValidator(app.Service<Custodian.Policy.PolicyStore>());

        Assert.True(await reasoned.Services.GetRequiredService<ReleaseScheduler>().TickAsync(TestContext.Current.CancellationToken));
        var refused = validator.Validate(null, new ReleaseOptions { Purpose = CatchAllPurpose, Schedule = { Enabled = true } });
        var unscheduled = validator.Validate(null, new ReleaseOptions { Purpose = CatchAllPurpose });

        Assert.Contains("Anonymization:Schedule:Reason is required", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(unscheduled.Succeeded);
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var release = await db.Set<AnonymizedRelease>().OrderByDescending(r => r.CreatedAt).FirstAsync();
        await AssertReasonSealedForEachUseAsync(" release:" + release.Id, "system", CatchAllPurpose, release.PersonsIncluded);
    }

    private const string CatchAllPurpose = "service.incidental";
    private const string Reason = "Quarterly report on Ana Torres's placement team";

    // The same database, with releases and statistics read under the Mexico policy's catch-all purpose (1g).
    private WebApplicationFactory<Program> CatchAllServer() => app.WithWebHostBuilder(b => b.UseSetting("Anonymization:Purpose", CatchAllPurpose));

    private async Task<(HttpClient Client, string Actor)> ClientOfAsync(WebApplicationFactory<Program> server)
    {
        var created = await app.Service<ApiTokens>().CreateAsync(Actor.System, "catch-all", CustodianApp.ServicePermissions, []);
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Value.Secret);
        return (client, "token:" + created.Value.Token.Id);
    }

    /// <summary>Every allowed use under <paramref name="subject"/> names its own sealed reason by id, which opens to the reason given.</summary>
    private async Task AssertReasonSealedForEachUseAsync(string subject, string? actor, string purpose, int? count)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        var uses = (await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.PersonReleased && e.Outcome == AuditOutcome.Allowed).ToListAsync())
            .Where(e => e.Subject is { } s && s.EndsWith(subject, StringComparison.Ordinal) && (actor is null || e.Actor == actor)).ToList();
        Assert.NotEmpty(uses);
        if (count is { } expected) Assert.Equal(expected, uses.Count);
        var ids = uses.Select(e => UseReasons.IdOf(e.Subject) ?? Guid.Empty).ToList();
        Assert.DoesNotContain(Guid.Empty, ids);
        var rows = await db.Set<UseReason>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
        Assert.Equal(uses.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(purpose, r.Purpose));
        Assert.All(uses, e => Assert.DoesNotContain("Torres", e.Subject, StringComparison.Ordinal));
        var texts = await app.Service<UseReasons>().TextsAsync(db, ids, TestContext.Current.CancellationToken);
        Assert.All(ids, id => Assert.Equal(Reason, texts[id]));
    }

    [Fact]
    public async Task Scheduled_tick_creates_a_release_and_publishes_its_items()
    {
        await SeedAsync(10);
        var before = await CountAsync<PublicationEntry>();

        Assert.True(await app.Service<ReleaseScheduler>().TickAsync(CancellationToken.None));

        Assert.Equal(before + 1, await CountAsync<PublicationEntry>());
        var page = await app.CreateClient().GetStringAsync("/privacy/anonymized?lang=en");
        Assert.Contains($"Version {before + 1}", page, StringComparison.Ordinal);
        Assert.Contains("Date of birth", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_gives_classes_suppression_and_generalised_share_and_publishes_nothing()
    {
        await SeedAsync(20);
        var releases = await CountAsync<AnonymizedRelease>();
        var actor = new Actor(ActorKind.Staff, Guid.NewGuid(), "privacy-officer");

        var preview = await app.Service<AnonymizedReleases>().PreviewAsync(actor, new ReleaseRequest(null, 2, 0.05), TestContext.Current.CancellationToken);

        Assert.True(preview.Succeeded, preview.Failure?.Detail);
        Assert.True(preview.Value!.Rows >= 20);
        Assert.InRange(preview.Value.FullyGeneralisedShare, 0, 1);
        Assert.True(preview.Value.Classes >= 1);
        Assert.Equal(releases, await CountAsync<AnonymizedRelease>());
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Subject != null && e.Subject.StartsWith("release-preview:") && e.Actor == actor.AuditName));
    }
}

public sealed class ReleaseApiTests_Sqlite(SqliteApp app) : ReleaseApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReleaseApiTests_Postgres(PostgresApp app) : ReleaseApiTests(app), IClassFixture<PostgresApp>;

/// <summary>A vault with nobody in it: a release has no one to include.</summary>
public sealed class EmptyVaultReleaseTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Release_with_no_eligible_persons_is_refused_and_nothing_is_published()
    {
        var client = await app.ClientWithTokenAsync();

        var problem = await (await client.PostAsJsonAsync("/api/v1/anonymization/releases", new { k = 5 })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("release.no-eligible-persons", problem.Code());
        Assert.Contains("まだ作成されていません", WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/privacy/anonymized")), StringComparison.Ordinal);
    }
}
