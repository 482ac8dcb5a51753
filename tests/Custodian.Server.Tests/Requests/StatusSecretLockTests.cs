using Custodian.Audit;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Requests;

/// <summary>
/// The status page's lock after five wrong secrets holds for the deployment: on PostgreSQL two servers on one database
/// (two hosts, each with its own services) allow five wrong secrets between them, not five each, and the lock is
/// audited once. On SQLite, one process's database, the one server counts alone.
/// </summary>
public abstract class StatusSecretLockTests(CustodianApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IntakeReceipt> SubmitAsync() =>
        (await app.Service<RequestIntake>().SubmitAsync(Actor.System, new Intake("disclosure", Requester.Person, "privacy-centre", "en", null,
            new RequestForm { PersonName = "Lucía Torres", Email = $"lock-{Guid.NewGuid():N}@example.com", MailingAddress = "Calle 5 de Mayo 3, Puebla" }), Ct)).Value!;

    private async Task<int> LocksAsync(Guid request)
    {
        await using var db = await app.Service<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(Ct);
        return await db.Set<AuditEvent>().CountAsync(e => e.Type == AuditEventType.RequestStatusLocked && e.Subject == request.ToString(), Ct);
    }

    /// <summary>The second server the wrong secrets are spread over: on PostgreSQL a second host on the same database; none on SQLite.</summary>
    protected virtual WebApplicationFactory<Program>? Second() => null;

    private RequestQueries[] Servers(WebApplicationFactory<Program>? second) =>
        [app.Service<RequestQueries>(), (second?.Services ?? app.Services).GetRequiredService<RequestQueries>()];

    [Fact]
    public async Task Five_wrong_secrets_spread_over_the_servers_lock_the_reference_on_each_and_are_audited_once()
    {
        await using var second = Second();
        var servers = Servers(second);
        var receipt = await SubmitAsync();

        for (var i = 0; i < StatusSecretGuard.MaxWrongSecrets; i++)
        {
            Assert.Equal("request.unknown", (await servers[i % 2].StatusAsync(receipt.Reference, "wrong-" + i, Ct)).Failure?.Code);
        }

        Assert.All(await Task.WhenAll(servers.Select(s => s.StatusAsync(receipt.Reference, receipt.Secret, Ct))), opened => Assert.Equal("request.unknown", opened.Failure?.Code));
        Assert.Equal(1, await LocksAsync(receipt.Id));
    }

    [Fact]
    public async Task The_right_secret_on_either_server_after_four_wrong_ones_opens_the_status_and_clears_the_count()
    {
        await using var second = Second();
        var servers = Servers(second);
        var receipt = await SubmitAsync();

        for (var i = 0; i < StatusSecretGuard.MaxWrongSecrets - 1; i++)
        {
            await servers[i % 2].StatusAsync(receipt.Reference, "wrong-" + i, Ct);
        }

        Assert.True((await servers[1].StatusAsync(receipt.Reference, receipt.Secret, Ct)).Succeeded);
        // Counted from none again: four more wrong ones do not lock it.
        for (var i = 0; i < StatusSecretGuard.MaxWrongSecrets - 1; i++)
        {
            await servers[i % 2].StatusAsync(receipt.Reference, "again-" + i, Ct);
        }

        Assert.True((await servers[0].StatusAsync(receipt.Reference, receipt.Secret, Ct)).Succeeded);
        Assert.Equal(0, await LocksAsync(receipt.Id));
    }
}

public sealed class StatusSecretLockTests_Postgres(PostgresApp app) : StatusSecretLockTests(app), IClassFixture<PostgresApp>
{
    private readonly PostgresApp _app = app;

    protected override WebApplicationFactory<Program> Second() => _app.WithWebHostBuilder(_ => { });
}

public sealed class StatusSecretLockTests_Sqlite(SqliteApp app) : StatusSecretLockTests(app), IClassFixture<SqliteApp>;
