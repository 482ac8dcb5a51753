using Custodian.Audit;
using Custodian.Gate;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Retention;

/// <summary>Audit events go only behind a signed start; a chain cut at the front without one is reported as tampered.</summary>
public sealed class AuditPruningTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Three registrations and a checkpoint six years ago, one registration now, then a disposal run.</summary>
    private static async Task<AuditVerification> PrunedChainAsync(RetentionHarness h)
    {
        for (var i = 0; i < 3; i++)
        {
            await h.RegisterAsync();
        }

        Assert.NotNull(await h.Get<AuditCheckpoints>().WriteAsync());
        h.Advance(TimeSpan.FromDays(6 * 366));
        await h.RegisterAsync();
        await h.Run.RunAsync(Actor.System, dryRun: false);
        return await h.Verifier.VerifyAsync();
    }

    private static async Task ExecuteAsync(RetentionHarness h, string sql)
    {
        await using var db = await h.DbAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Events_past_their_period_are_pruned_behind_a_signed_start_and_the_chain_still_verifies(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);

        var verification = await PrunedChainAsync(h);

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(3, verification.PrunedThrough);
        await using var db = await h.DbAsync();
        Assert.False(await db.Set<AuditEvent>().AnyAsync(e => e.Seq <= 3));
        Assert.False(await db.Set<AuditCheckpoint>().AnyAsync(c => c.Seq <= 3));
        Assert.Equal(3, (await h.Run.RecordsAsync(10)).Single(r => r.Kind == "audit-events").Count);
        Assert.Equal("pruned:3", (await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.AuditChainPruned)).Reason);

        // The chain goes on from its start: new events and a checkpoint verify too.
        await h.RegisterAsync();
        Assert.NotNull(await h.Get<AuditCheckpoints>().WriteAsync());
        Assert.True((await h.Verifier.VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_chain_cut_at_the_front_without_a_signed_start_is_tampered(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);
        for (var i = 0; i < 4; i++)
        {
            await h.RegisterAsync();
        }

        await ExecuteAsync(h, """DELETE FROM audit_events WHERE "Seq" <= 2""");

        var verification = await h.Verifier.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Contains("events 1..2 are missing", verification.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""DELETE FROM audit_chain_start""", "events 1..3 are missing")]
    [InlineData("""UPDATE audit_chain_start SET "Seq" = 4""", "not a signed checkpoint")]
    [InlineData("""UPDATE audit_chain_start SET "Signature" = "Hash" """, "not a signed checkpoint")]
    public async Task A_pruned_chain_whose_start_is_removed_moved_or_unsigned_is_tampered(string sql, string problem)
    {
        await using var h = await RetentionHarness.CreateAsync("sqlite", Start);
        Assert.True((await PrunedChainAsync(h)).Intact);

        await ExecuteAsync(h, sql);

        var verification = await h.Verifier.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Contains(problem, verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ordinary_checkpoint_cannot_pass_for_a_start()
    {
        await using var h = await RetentionHarness.CreateAsync("sqlite", Start);
        for (var i = 0; i < 4; i++)
        {
            await h.RegisterAsync();
        }

        var checkpoint = (await h.Get<AuditCheckpoints>().WriteAsync())!;
        await h.RegisterAsync();
        await ExecuteAsync(h, $"""INSERT INTO audit_chain_start ("Id", "Seq", "Hash", "At", "Signature") SELECT 1, "Seq", "Hash", "At", "Signature" FROM audit_checkpoints WHERE "Seq" = {checkpoint.Seq}""");
        await ExecuteAsync(h, $"""DELETE FROM audit_events WHERE "Seq" <= {checkpoint.Seq}""");

        var verification = await h.Verifier.VerifyAsync();
        Assert.False(verification.Intact);
        Assert.Contains("not a signed checkpoint", verification.Problem, StringComparison.Ordinal);
    }
}
