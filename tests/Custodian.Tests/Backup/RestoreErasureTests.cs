using Custodian.Audit;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Backup;

/// <summary>
/// Issue 19's second observation: every obvious backup, restored with the key file, brought an erased person back and
/// the chain did not notice the cut. Now the erasure ledger erases them again, and the chain records the restore.
/// </summary>
public sealed class RestoreErasureTests
{
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    /// <summary>Three persons backed up; the second erased after the backup and the chain checkpointed (so anchored) past it.</summary>
    private static async Task<(List<Guid> Ids, Custodian.Backup.BackupManifest Manifest, string File)> BackUpThenEraseAsync(TestInstallation installation)
    {
        var file = installation.BackupFile();
        await using var host = await installation.OpenAsync();
        var ids = await TestInstallation.RegisterAsync(host, 3);
        var manifest = await TestInstallation.BackUpAsync(host, file);
        Assert.True((await host.Services.GetRequiredService<PersonVault>().EraseAsync(Custodian.Gate.Actor.System, ids[1], TestContext.Current.CancellationToken)).Succeeded);
        await TestInstallation.RegisterAsync(host, 1, first: 3);
        Assert.NotNull(await host.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(TestContext.Current.CancellationToken));
        return (ids, manifest, file);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_erased_after_the_backup_stays_erased_after_the_restore_and_the_chain_verifies_as_restored(string provider)
    {
        await using var installation = new TestInstallation(provider);
        var (ids, manifest, file) = await BackUpThenEraseAsync(installation);
        installation.LoseDatabase();

        var report = await installation.RestoreAsync(file);

        Assert.Equal(1, report.ErasedAgain);
        Assert.Equal(manifest.HeadSeq + 1, report.RestoreSeq);
        await using var host = await installation.OpenAsync();
        Assert.Equal("person.erased", await TestInstallation.ReadRefusalAsync(host, ids[1]));
        Assert.Null(await TestInstallation.ReadRefusalAsync(host, ids[0]));
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.False(await db.Set<PersonKey>().AnyAsync(k => k.PersonId == ids[1], TestContext.Current.CancellationToken));
            var erasure = await db.Set<AuditEvent>().SingleAsync(e => e.PersonId == ids[1] && e.Type == AuditEventType.PersonErased, TestContext.Current.CancellationToken);
            Assert.Equal(ErasureReplay.ReplayedReason, erasure.Reason);
            Assert.True(erasure.Seq > report.RestoreSeq);
        }

        var verification = await TestInstallation.VerifyAsync(host);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(manifest.HeadSeq, verification.Restore?.BackupSeq);
    }

    [Fact]
    public async Task A_start_erases_again_whom_the_ledger_names_in_database_files_copied_back_by_hand()
    {
        await using var installation = new TestInstallation("sqlite");
        List<Guid> ids;
        await using (var host = await installation.OpenAsync())
        {
            ids = await TestInstallation.RegisterAsync(host, 2);
        }

        var copy = installation.CopyDatabaseFiles();
        await using (var host = await installation.OpenAsync())
        {
            Assert.True((await host.Services.GetRequiredService<PersonVault>().EraseAsync(Custodian.Gate.Actor.System, ids[0], TestContext.Current.CancellationToken)).Succeeded);
        }

        installation.PutDatabaseFilesBack(copy);

        await using (var host = await installation.OpenAsync())
        {
            Assert.Equal("person.erased", await TestInstallation.ReadRefusalAsync(host, ids[0]));
            Assert.Null(await TestInstallation.ReadRefusalAsync(host, ids[1]));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_restored_chain_cut_short_with_its_checkpoints_is_reported_truncated(string provider)
    {
        await using var installation = new TestInstallation(provider);
        var (_, manifest, file) = await BackUpThenEraseAsync(installation);
        installation.LoseDatabase();
        var report = await installation.RestoreAsync(file);

        await installation.ExecuteAsync($"""DELETE FROM audit_events WHERE "Seq" > {manifest.HeadSeq}; DELETE FROM audit_checkpoints WHERE "Seq" > {manifest.HeadSeq};""");

        await using var host = await installation.OpenAsync();
        var verification = await TestInstallation.VerifyAsync(host);
        Assert.False(verification.Intact);
        Assert.StartsWith("truncated", verification.Problem, StringComparison.Ordinal);
        Assert.Equal(manifest.HeadSeq + 1, verification.FirstBadSeq);
        Assert.True(report.CheckpointSeq > manifest.HeadSeq);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_forged_restore_record_without_a_signed_checkpoint_after_it_does_not_explain_a_cut(string provider)
    {
        await using var installation = new TestInstallation(provider);
        await using (var host = await installation.OpenAsync())
        {
            await TestInstallation.RegisterAsync(host, 4);
            Assert.NotNull(await host.Services.GetRequiredService<AuditCheckpoints>().WriteAsync(TestContext.Current.CancellationToken));
        }

        var anchored = new AuditAnchor(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = installation.Data }), await KeyAsync(installation)).Read()!;
        await installation.ExecuteAsync("""DELETE FROM audit_events WHERE "Seq" > 2; DELETE FROM audit_checkpoints;""");
        await using (var host = await installation.OpenAsync())
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var head = await db.Set<AuditEvent>().SingleAsync(e => e.Seq == 2, TestContext.Current.CancellationToken);
            await host.Services.GetRequiredService<AuditLog>().CommitAsync(db, [AuditRestore.Entry(2, head.Hash, anchored)], TestContext.Current.CancellationToken);

            var verification = await TestInstallation.VerifyAsync(host);

            Assert.False(verification.Intact);
            Assert.StartsWith("truncated", verification.Problem, StringComparison.Ordinal);
        }
    }

    private static async Task<Custodian.Vault.Keys.IKeyProvider> KeyAsync(TestInstallation installation)
    {
        await using var host = await installation.OpenAsync();
        return host.Services.GetRequiredService<Custodian.Vault.Keys.IKeyProvider>();
    }
}
