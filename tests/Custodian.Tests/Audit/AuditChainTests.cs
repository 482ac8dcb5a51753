using Custodian.Audit;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Audit;

public sealed class AuditChainTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly FakeTime _time = new();
    private readonly AuditAnchor _anchor;
    private readonly AuditCheckpoints _checkpoints;
    private readonly AuditVerifier _verifier;

    public AuditChainTests()
    {
        _anchor = new AuditAnchor(Microsoft.Extensions.Options.Options.Create(_db.Options), _db.Keys);
        _checkpoints = new AuditCheckpoints(_db.Factory, _db.Keys, _time, _anchor);
        _verifier = new AuditVerifier(Microsoft.Extensions.Options.Options.Create(_db.Options), _checkpoints, _anchor);
    }

    private async Task<AuditLog> WriteEventsAsync(int count)
    {
        var log = new AuditLog(_db.Factory, _time);
        var reads = Enumerable.Range(0, count)
            .Select(i => log.RecordAsync(new AuditEntry(AuditEventType.PersonCorrected, "staff:" + Guid.Empty, PersonId: Guid.CreateVersion7(), Purpose: "service.apply", Items: "name,email")));
        await Task.WhenAll(reads);
        return log;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Intact_chain_verifies_with_count_and_head_hash()
    {
        await using var log = await WriteEventsAsync(50);

        var result = await _verifier.VerifyAsync();

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(50, result.Count);
        Assert.Equal(64, result.HeadHash!.Length);
    }

    [Fact]
    public async Task Concurrent_reads_and_changes_form_one_unbroken_chain()
    {
        var log = new AuditLog(_db.Factory, _time);
        var tasks = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(log.RecordAsync(new AuditEntry(AuditEventType.PersonRead, "system")));
            tasks.Add(Task.Run(async () =>
            {
                await using var db = await _db.Factory.CreateDbContextAsync();
                await log.CommitAsync(db, [new AuditEntry(AuditEventType.PersonCorrected, "system"), new AuditEntry(AuditEventType.ItemsAdded, "system")]);
            }));
        }

        await Task.WhenAll(tasks);
        await log.DisposeAsync();

        var result = await _verifier.VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(60, result.Count);
    }

    [Fact]
    public async Task Edited_event_is_named_as_the_first_bad_one()
    {
        await using var log = await WriteEventsAsync(10);
        await ExecuteAsync("UPDATE audit_events SET \"Purpose\" = 'service.marketing' WHERE \"Seq\" = 4");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Contains("content", result.Problem);
    }

    [Fact]
    public async Task Deleted_event_is_found()
    {
        await using var log = await WriteEventsAsync(10);
        await ExecuteAsync("DELETE FROM audit_events WHERE \"Seq\" = 6");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSeq);
        Assert.Contains("missing", result.Problem);
    }

    [Fact]
    public async Task Reordered_events_are_found()
    {
        await using var log = await WriteEventsAsync(10);
        // Swap the contents of events 3 and 5, keeping the sequence numbers in place.
        await ExecuteAsync("UPDATE audit_events SET \"Seq\" = -3 WHERE \"Seq\" = 3");
        await ExecuteAsync("UPDATE audit_events SET \"Seq\" = 3 WHERE \"Seq\" = 5");
        await ExecuteAsync("UPDATE audit_events SET \"Seq\" = 5 WHERE \"Seq\" = -3");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSeq);
    }

    [Fact]
    public async Task Truncated_tail_is_caught_by_the_signed_checkpoint()
    {
        await using var log = await WriteEventsAsync(10);
        Assert.NotNull(await _checkpoints.WriteAsync());
        await ExecuteAsync("DELETE FROM audit_events WHERE \"Seq\" > 8");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(9, result.FirstBadSeq);
    }

    [Fact]
    public async Task A_tail_cut_together_with_its_checkpoints_is_caught_by_the_anchor_outside_the_database()
    {
        await using var log = await WriteEventsAsync(10);
        Assert.NotNull(await _checkpoints.WriteAsync());
        await ExecuteAsync("DELETE FROM audit_events WHERE \"Seq\" > 8; DELETE FROM audit_checkpoints");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(9, result.FirstBadSeq);
        Assert.StartsWith("truncated", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_anchor_file_a_tail_cut_with_its_checkpoints_verifies_as_before()
    {
        await using var log = await WriteEventsAsync(10);
        Assert.NotNull(await _checkpoints.WriteAsync());
        File.Delete(_anchor.FilePath);
        await ExecuteAsync("DELETE FROM audit_events WHERE \"Seq\" > 8; DELETE FROM audit_checkpoints");

        var result = await _verifier.VerifyAsync();

        Assert.True(result.Intact);
        Assert.Equal(8, result.Count);
    }

    [Fact]
    public async Task An_edited_anchor_is_reported()
    {
        await using var log = await WriteEventsAsync(3);
        Assert.NotNull(await _checkpoints.WriteAsync());
        await File.WriteAllTextAsync(_anchor.FilePath, (await File.ReadAllTextAsync(_anchor.FilePath)).Replace("\"Seq\":3", "\"Seq\":2", StringComparison.Ordinal));

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Contains("anchor", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_checkpoint_signature_is_refused()
    {
        await using var log = await WriteEventsAsync(3);
        await _checkpoints.WriteAsync();
        await ExecuteAsync("UPDATE audit_checkpoints SET \"Signature\" = X'00'");

        var result = await _verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Contains("signature", result.Problem);
    }

    [Fact]
    public async Task Empty_log_is_intact()
    {
        var result = await _verifier.VerifyAsync();

        Assert.True(result.Intact);
        Assert.Equal(0, result.Count);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Items\" = 'name' WHERE \"Seq\" = 6", 6)]
    [InlineData("DELETE FROM audit_events WHERE \"Seq\" = 6", 7)]
    [InlineData("DELETE FROM audit_events WHERE \"Seq\" = 5", 6)]
    [InlineData("UPDATE audit_events SET \"Seq\" = -1 WHERE \"Seq\" = 5; UPDATE audit_events SET \"Seq\" = 5 WHERE \"Seq\" = 6; UPDATE audit_events SET \"Seq\" = 6 WHERE \"Seq\" = -1", 5)]
    public async Task Tampering_at_the_boundary_between_parallel_ranges_is_found(string tampering, long firstBad)
    {
        await using var log = await WriteEventsAsync(10);
        var verifier = new AuditVerifier(Microsoft.Extensions.Options.Options.Create(_db.Options), _checkpoints, _anchor) { MinimumRangeSize = 3 };
        Assert.True((await verifier.VerifyAsync()).Intact);
        await ExecuteAsync(tampering);

        var result = await verifier.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(firstBad, result.FirstBadSeq);
    }

    public void Dispose() => _db.Dispose();
}
