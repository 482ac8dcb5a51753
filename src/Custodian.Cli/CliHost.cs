using Custodian.Audit;
using Custodian.Backup;
using Custodian.Calendars;
using Custodian.Incidents;
using Custodian.Mail;
using Custodian.Policy;
using Custodian.Policy.Changes;
using Custodian.Requests;
using Custodian.Retention;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Custodian.Cli;

/// <summary>
/// The application's services for a command, configured with the server's keys (<c>Storage:DataDirectory</c>,
/// <c>ConnectionStrings:Custodian</c>) from <c>appsettings.json</c> in the working folder and the environment
/// (<c>Storage__DataDirectory</c>, <c>ConnectionStrings__Custodian</c>).
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly IHost _host;

    private CliHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>Opens the host with the data folder of a command's <c>--data</c> option, when given.</summary>
    public static async Task<CliHost> OpenAsync(System.CommandLine.ParseResult result, CancellationToken cancellationToken)
    {
        var cli = Create(result);
        await cli.PrepareAsync(cancellationToken);
        return cli;
    }

    public static async Task<CliHost> OpenAsync(IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var cli = Create(overrides);
        await cli.PrepareAsync(cancellationToken);
        return cli;
    }

    /// <summary>The services alone, before <see cref="PrepareAsync"/>: for a command with other work to do meanwhile.</summary>
    public static CliHost Create(System.CommandLine.ParseResult result) =>
        Create(result.GetValue(CliOutput.DataOption) is { } data ? new Dictionary<string, string?> { ["Storage:DataDirectory"] = data } : null);

    public static CliHost Create(IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // Standard output carries what a command prints (a secret shown once); logs go to standard error.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddPolicy(builder.Configuration);
        builder.Services.AddAudit(builder.Configuration);
        builder.Services.AddVault();
        builder.Services.AddCalendars(builder.Configuration);
        builder.Services.AddStaffAccounts();
        // For the tables of wrapped keys a key rotation re-wraps; the host never starts, so its schedules do not run.
        builder.Services.AddRequests(builder.Configuration);
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddRetention(builder.Configuration);
        builder.Services.AddBackup(builder.Configuration);
        builder.Services.AddIncidents(builder.Configuration);
        // The outbox's wrapped keys for a rotation, and its part in an erasure (a disposal run erases persons too).
        builder.Services.AddMail(builder.Configuration);
        // Telling persons of a new policy version (custodian policy notify-change), and the gate's rule for it.
        builder.Services.AddPolicyChanges();
        return new CliHost(builder.Build());
    }

    /// <summary>The start's checks: the data folder private, the embedded database migrated, the key file present and private, the erasure ledger replayed.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // As at the server's start: the data folder must be its owner's alone.
        DataFolder.Prepare(Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
        // The server's first-start rule: the embedded SQLite database is migrated on use; PostgreSQL only on request.
        if (!Services.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres)
        {
            await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        // As at the server's start: a missing or too-open key file stops every command, not just the ones that decrypt.
        Services.GetRequiredService<KeyBootstrap>().EnsureChecked();
        // As at the server's start: nobody the erasure ledger names is left in the database.
        await Services.GetRequiredService<ErasureReplay>().ReplayAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
