using Custodian.Audit;
using Custodian.Requests;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Server.Tests.Vault.Keys;

/// <summary>
/// <c>custodian keys rotate</c> as another process runs it beside the test server: its own services, key ring and
/// connections over the server's data folder and database.
/// </summary>
internal sealed class RotationProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RotationProcess(ServiceProvider services) => _services = services;

    public static RotationProcess Open(CustodianApp app)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Storage:DataDirectory", app.DataDirectory),
            new("ConnectionStrings:Custodian", (app as PostgresApp)?.ConnectionString ?? ""),
        ]).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddStorage(configuration)
            .AddAudit(configuration)
            .AddVault()
            .AddRequests(configuration)
            .BuildServiceProvider();
        services.GetRequiredService<KeyBootstrap>().EnsureChecked();
        return new(services);
    }

    public KeyRotation Rotation => _services.GetRequiredService<KeyRotation>();

    /// <summary>A whole rotation (or the rest of one), with no pause before the last look.</summary>
    public async Task<RotationDone> RotateAsync(int batchSize = 1000, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = await Rotation.StartAsync(cancellationToken);
        using var plan = started.Value ?? throw new InvalidOperationException(started.Failure!.Detail);
        var done = await Rotation.FinishAsync(plan, progress, batchSize, TimeSpan.Zero, cancellationToken);
        return done.Value ?? throw new InvalidOperationException(done.Failure!.Detail);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>Reports synchronously (<see cref="Progress{T}"/> posts later), so a test can stop a rotation after exactly one batch.</summary>
internal sealed class Reported(Action<long> report) : IProgress<long>
{
    public void Report(long value) => report(value);
}
