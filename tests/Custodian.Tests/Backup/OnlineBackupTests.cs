using System.Collections.Concurrent;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Backup;

/// <summary>A backup taken while writes go on: issue 19 found that copying only the <c>.db</c> file lost what was still in the WAL.</summary>
public sealed class OnlineBackupTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_backup_taken_during_writes_holds_every_write_acknowledged_before_it_began(string provider)
    {
        await using var installation = new TestInstallation(provider);
        var file = installation.BackupFile();
        HashSet<Guid> acknowledgedBefore;
        await using (var host = await installation.OpenAsync())
        {
            var vault = host.Services.GetRequiredService<PersonVault>();
            var acknowledged = new ConcurrentQueue<Guid>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var registered = await vault.RegisterAsync(Custodian.Gate.Actor.System, TestInstallation.Person((w * 100_000) + i), CancellationToken.None);
                    acknowledged.Enqueue(registered.Value);
                }
            }, CancellationToken.None)).ToList();
            // On SQLite, wait until acknowledged writes are in the log and not yet folded into the database file: a
            // checkpoint may have just emptied it, so the writers go on until it has filled again.
            var wal = new FileInfo(Path.Combine(installation.Data, "custodian.db-wal"));
            while (acknowledged.Count < 300 || (provider == "sqlite" && WalLength(wal) <= 100_000))
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }

            acknowledgedBefore = [.. acknowledged];
            await TestInstallation.BackUpAsync(host, file);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        installation.LoseDatabase();
        await installation.RestoreAsync(file);

        await using var restored = await installation.OpenAsync();
        await using var db = await restored.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var held = (await db.Set<Person>().Select(p => p.Id).ToListAsync(TestContext.Current.CancellationToken)).ToHashSet();
        Assert.Equal(0, acknowledgedBefore.Count(id => !held.Contains(id)));
        var verification = await TestInstallation.VerifyAsync(restored);
        Assert.True(verification.Intact, verification.Problem);
    }

    private static long WalLength(FileInfo wal)
    {
        wal.Refresh();
        return wal.Exists ? wal.Length : 0;
    }
}
