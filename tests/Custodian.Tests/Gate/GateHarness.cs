using Custodian.Audit;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Gate;

/// <summary>The vault and its gate over a migrated database of the given provider, with whatever a test adds (a gate check of its own).</summary>
internal sealed class GateHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private int _registered;

    private GateHarness(TestDatabase database, ServiceProvider services) => (_database, _services) = (database, services);

    public PersonGate Gate => Get<PersonGate>();

    public string PolicyId => Get<PolicyStore>().Default.Id;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<GateHarness> CreateAsync(string provider, Action<IServiceCollection>? add = null)
    {
        var database = new TestDatabase(provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = database.Directory,
            ["ConnectionStrings:Custodian"] = database.Options.PostgresConnectionString,
        }).Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddPolicy(configuration)
            .AddAudit(configuration)
            .AddVault();
        add?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        services.GetRequiredService<Custodian.Vault.Keys.KeyBootstrap>().EnsureChecked();
        return new GateHarness(database, services);
    }

    /// <summary>A new candidate named Ana Torres, with an e-mail and telephone of their own.</summary>
    public async Task<Guid> RegisterAsync()
    {
        var n = Interlocked.Increment(ref _registered).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        var registered = await Get<PersonVault>().RegisterAsync(Actor.System, new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Ana Torres",
            ["email"] = $"ana.{n}@example.com",
            ["telephone"] = "+52 442 555 " + n,
            ["date-of-birth"] = "1990-05-04",
        }));
        Assert.True(registered.Succeeded, registered.Failure?.Detail);
        return registered.Value;
    }

    public Task<CustodianDb> DbAsync() => Get<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();

    public async Task<List<AuditEvent>> EventsAsync(Guid person)
    {
        await using var db = await DbAsync();
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.PersonId == person).OrderBy(e => e.Seq).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }
}
