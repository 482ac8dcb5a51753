using Custodian.Audit;
using Custodian.Calendars;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Tests.Support;
using Custodian.Vault;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Staff;

/// <summary>The staff services over a migrated SQLite database in a folder of its own, with a fake clock.</summary>
internal sealed class StaffHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StaffHarness(string folder, ServiceProvider services, FakeTime time)
    {
        Folder = folder;
        _services = services;
        Time = time;
    }

    public string Folder { get; }
    public FakeTime Time { get; }
    public StaffAccounts Accounts => _services.GetRequiredService<StaffAccounts>();
    public StaffSignIn SignIn => _services.GetRequiredService<StaffSignIn>();
    public AccessReviews Reviews => _services.GetRequiredService<AccessReviews>();
    public SafeManagement SafeManagement => _services.GetRequiredService<SafeManagement>();
    public Organisation Organisation => _services.GetRequiredService<Organisation>();
    public AuditLog Audit => _services.GetRequiredService<AuditLog>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="replace">Registrations applied last, so they win (a counting hasher, a clock that holds callers).</param>
    public static async Task<StaffHarness> CreateAsync(Action<IServiceCollection>? replace = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "custodian-staff-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTime(new DateTimeOffset(2026, 11, 22, 9, 0, 10, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = folder })
            .Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddStorage(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddCalendars(configuration)
            .AddStaffAccounts();
        replace?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        // As the server's and the command line's start do: the key is made (or checked) before anything is written.
        services.GetRequiredService<Custodian.Vault.Keys.KeyBootstrap>().EnsureChecked();
        return new StaffHarness(folder, services, time);
    }

    public async Task<StaffAccount> CreateAccountAsync(string userName = "recruiter.one", string password = "correct horse battery")
    {
        var created = await Accounts.CreateAsync(Custodian.Gate.Actor.System, userName, password, "recruiter");
        Assert.True(created.Succeeded, created.Failure?.Detail);
        return created.Value!;
    }

    /// <summary>Creates an account and enrols its second factor; returns the account and its TOTP secret.</summary>
    public async Task<(StaffAccount Account, byte[] Secret)> CreateEnrolledAsync(string userName = "recruiter.one")
    {
        var account = await CreateAccountAsync(userName);
        var enrolment = await SignIn.BeginEnrolmentAsync(account.Id);
        var secret = Base32.Decode(enrolment.Value!.Secret)!;
        var completed = await SignIn.CompleteAsync(account.Id, CodeNow(secret));
        Assert.True(completed.Succeeded);
        return (account, secret);
    }

    public string CodeNow(byte[] secret, int stepsFromNow = 0) => Totp.Code(secret, Totp.StepAt(Time.Now) + stepsFromNow);

    public async Task<StaffAccount> ReloadAsync(Guid id)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<StaffAccount>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync();
        return await db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
