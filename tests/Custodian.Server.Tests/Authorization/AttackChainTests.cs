using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Server.Tests.Requests;
using Custodian.Server.Tests.Staff;

namespace Custodian.Server.Tests.Authorization;

/// <summary>
/// The attacks that were seen, walked as an attacker strings the calls together: each step must be refused, and at
/// the end nothing has changed.
/// </summary>
public sealed class AttackChainTests(SafetySqliteApp app) : IClassFixture<SafetySqliteApp>
{
    private const string Inside = "127.0.0.1";

    [Fact]
    public async Task Credentials_without_the_permission_can_neither_register_nor_correct_nor_erase_a_person()
    {
        var staff = await app.ClientWithTokenAsync();
        var victim = await RequestFlow.RegisterAsync(staff);
        var before = await ReadAsync(staff, victim);
        var statistics = await app.ClientWithPermissionsAsync(["statistics.read"], "service.statistics");
        var consignee = await app.ClientWithPermissionsAsync(["persons.search", "persons.read"], "service.apply");
        var (company, _) = await SafetyHost.SignInAsync(app, "client-company", Inside);
        var (jointUser, _) = await SafetyHost.SignInAsync(app, "joint-user", Inside);

        foreach (var (name, attacker) in new[] { ("statistics token", statistics), ("consignee", consignee), ("client company", company), ("joint user", jointUser) })
        {
            var correct = await attacker.PatchAsJsonAsync($"/api/v1/persons/{victim}/items", new { items = new Dictionary<string, string> { ["name"] = "Attacker" } });
            var erase = await attacker.DeleteAsync($"/api/v1/persons/{victim}");
            var register = await attacker.PostAsJsonAsync("/api/v1/persons", Candidates.Registration($"planted-{Guid.NewGuid():N}@example.com"));
            Assert.True(correct.StatusCode is HttpStatusCode.Forbidden, $"{name} correct: {correct.StatusCode}");
            Assert.True(erase.StatusCode is HttpStatusCode.Forbidden, $"{name} erase: {erase.StatusCode}");
            Assert.True(register.StatusCode is HttpStatusCode.Forbidden, $"{name} register: {register.StatusCode}");
        }

        Assert.Equal(before, await ReadAsync(staff, victim));
    }

    [Fact]
    public async Task A_statistics_token_cannot_walk_an_anonymous_request_through_to_a_victims_disclosure()
    {
        var staff = await app.ClientWithTokenAsync();
        var victim = await RequestFlow.RegisterAsync(staff);
        var anonymous = new Actor(ActorKind.Person, Guid.Empty, "requester");
        var form = new RequestForm { PersonName = "Nobody Known", Email = $"stranger-{Guid.NewGuid():N}@example.com", MailingAddress = "Somewhere 1" };
        var filed = (await app.Service<RequestIntake>().SubmitAsync(anonymous, new Intake("disclosure", Requester.Person, "privacy-centre", "en", null, form))).Value!;
        var attacker = await app.ClientWithPermissionsAsync(["statistics.read"], "service.statistics");
        var stateBefore = (await RequestFlow.DetailAsync(staff, filed.Id)).State();

        var steps = new List<(string Step, HttpResponseMessage Response)>
        {
            ("due", await attacker.GetAsync("/api/v1/requests/due")),
            ("detail", await attacker.GetAsync($"/api/v1/requests/{filed.Id}")),
            ("link", await attacker.PostAsJsonAsync($"/api/v1/requests/{filed.Id}/person", new { personId = victim })),
            ("upload", await RequestFlow.UploadAsync(attacker, filed.Id, "passport", "person", RequestFlow.Png, "image/png")),
            ("verify", await attacker.PostAsJsonAsync($"/api/v1/requests/{filed.Id}/verify", new { })),
            ("start", await attacker.PostAsJsonAsync($"/api/v1/requests/{filed.Id}/start", new { })),
            ("fulfil", await attacker.PostAsJsonAsync($"/api/v1/requests/{filed.Id}/fulfil", new { })),
            ("disclosure", await attacker.GetAsync($"/api/v1/requests/{filed.Id}/disclosure")),
        };

        Assert.All(steps, s => Assert.True(s.Response.StatusCode == HttpStatusCode.Forbidden, $"{s.Step}: {s.Response.StatusCode}"));
        var detail = await RequestFlow.DetailAsync(staff, filed.Id);
        Assert.Equal(stateBefore, detail.State());
        Assert.Equal(0, detail.GetProperty("status").GetProperty("documents").GetArrayLength());
        await using var db = await app.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<Custodian.Storage.CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Null((await db.Set<DataRequest>().FindAsync([filed.Id], TestContext.Current.CancellationToken))!.PersonId);
    }

    [Fact]
    public async Task A_token_finds_persons_only_for_a_purpose_it_was_entrusted_with()
    {
        var staff = await app.ClientWithTokenAsync();
        var email = $"found-{Guid.NewGuid():N}@example.com";
        await RequestFlow.RegisterAsync(staff, email);
        var limited = await app.ClientWithPermissionsAsync(["persons.search"], "service.statistics");

        var outside = await limited.PostAsJsonAsync("/api/v1/persons/search", new { email, purpose = "service.apply" });
        var within = await limited.PostAsJsonAsync("/api/v1/persons/search", new { email, purpose = "service.statistics" });

        Assert.Equal("actor.purpose-not-allowed", (await outside.AssertProblemAsync(HttpStatusCode.Forbidden)).Code());
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
    }

    private static async Task<string> ReadAsync(HttpClient client, Guid person) =>
        await client.GetStringAsync($"/api/v1/persons/{person}?purpose=service.apply");
}
