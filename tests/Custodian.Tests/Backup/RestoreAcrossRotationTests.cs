using Custodian.Vault.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Backup;

/// <summary>A backup from before a key rotation is this installation's: the retired key it was sealed under still opens it.</summary>
public sealed class RestoreAcrossRotationTests
{
    [Fact]
    public async Task A_backup_taken_before_a_key_rotation_restores_and_reads_with_the_retired_key()
    {
        await using var installation = new TestInstallation("sqlite");
        var file = installation.BackupFile();
        List<Guid> ids;
        await using (var host = await installation.OpenAsync())
        {
            ids = await TestInstallation.RegisterAsync(host, 2);
            await TestInstallation.BackUpAsync(host, file);
            var rotation = host.Services.GetRequiredService<KeyRotation>();
            var plan = await rotation.StartAsync(TestContext.Current.CancellationToken);
            Assert.True(plan.Succeeded, plan.Failure?.Detail);
            using var held = plan.Value!;
            var done = await rotation.FinishAsync(held, settle: TimeSpan.Zero, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(done.Succeeded, done.Failure?.Detail);
        }

        installation.LoseDatabase();
        var restored = await installation.TryRestoreAsync(file);

        Assert.True(restored.Succeeded, restored.Failure?.Detail);
        await using var reopened = await installation.OpenAsync();
        Assert.Null(await TestInstallation.ReadRefusalAsync(reopened, ids[0]));
        Assert.Null(await TestInstallation.ReadRefusalAsync(reopened, ids[1]));
    }
}
