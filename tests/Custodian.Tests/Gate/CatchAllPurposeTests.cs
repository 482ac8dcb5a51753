using System.Text;
using Custodian.Audit;
using Custodian.Gate;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Gate;

/// <summary>
/// A catch-all purpose (the Mexico policy's 1g, the group policy's "anything specified at the time we obtain personal
/// information") needs no consent, so without a rule it would release every item for any use. Each use must give a
/// reason; the reason is kept sealed and the audit event names it by id only.
/// </summary>
public sealed class CatchAllPurposeTests
{
    private const string CatchAll = "service.incidental";
    private const string Reason = "Ana Torres asked by phone to confirm her address for the interview";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_catch_all_read_without_a_reason_is_refused_naming_the_reason_field_and_audited_refused(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var person = await h.RegisterAsync();

        var read = await h.Gate.ReadAsync(Actor.System, person, CatchAll, TestContext.Current.CancellationToken);
        var blank = await h.Gate.UseAsync(Actor.System, person, CatchAll, GateUse.Read, "   ", TestContext.Current.CancellationToken);

        Assert.Equal(("reason", "purpose.reason-required"), (read.Failure?.Field, read.Failure?.Code));
        Assert.Equal("purpose.reason-required", blank.Failure?.Code);
        var uses = (await h.EventsAsync(person)).Where(e => e.Type == AuditEventType.PersonRead).ToList();
        Assert.Equal(2, uses.Count);
        Assert.All(uses, e => Assert.Equal((AuditOutcome.Refused, "purpose.reason-required", null), (e.Outcome, e.Reason, e.Items)));
        Assert.Empty(await ReasonRowsAsync(h));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_catch_all_read_with_a_reason_is_allowed_and_its_event_names_the_sealed_reason_by_id_only(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var person = await h.RegisterAsync();

        var read = await h.Gate.UseAsync(Actor.System, person, CatchAll, GateUse.Read, Reason, TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded, read.Failure?.Detail);
        Assert.Equal("Ana Torres", read.Value!.Items["name"]);
        var use = Assert.Single(await h.EventsAsync(person), e => e.Type == AuditEventType.PersonRead);
        var row = Assert.Single(await ReasonRowsAsync(h));
        Assert.Equal((AuditOutcome.Allowed, UseReasons.SubjectPrefix + row.Id, CatchAll), (use.Outcome, use.Subject, use.Purpose));
        Assert.Equal((person, CatchAll, "system"), (row.PersonId, row.Purpose, row.Actor));
        // Neither the chain nor the stored row holds the reason's words.
        Assert.DoesNotContain("Torres", $"{use.Subject}{use.Reason}{use.Items}{use.Purpose}", StringComparison.Ordinal);
        Assert.DoesNotContain("Torres", Encoding.UTF8.GetString(row.Sealed), StringComparison.Ordinal);
        await using var db = await h.DbAsync();
        Assert.Equal(Reason, (await h.Get<UseReasons>().TextsAsync(db, [row.Id], TestContext.Current.CancellationToken))[row.Id]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Other_purposes_and_the_persons_own_disclosure_need_no_reason(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var person = await h.RegisterAsync();

        Assert.True((await h.Gate.ReadAsync(Actor.System, person, "service.apply", TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await h.Gate.UseAsync(Actor.System, person, CatchAll, GateUse.Disclose, TestContext.Current.CancellationToken)).Succeeded);
        Assert.Empty(await ReasonRowsAsync(h));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Erasing_the_person_forgets_the_reasons_given_for_using_them(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var (erased, kept) = (await h.RegisterAsync(), await h.RegisterAsync());
        Assert.True((await h.Gate.UseAsync(Actor.System, erased, CatchAll, GateUse.Read, Reason, TestContext.Current.CancellationToken)).Succeeded);
        Assert.True((await h.Gate.UseAsync(Actor.System, kept, CatchAll, GateUse.Read, "Interview follow-up", TestContext.Current.CancellationToken)).Succeeded);

        Assert.True((await h.Get<PersonVault>().EraseAsync(Actor.System, erased, TestContext.Current.CancellationToken)).Succeeded);

        Assert.Equal(kept, Assert.Single(await ReasonRowsAsync(h)).PersonId);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bulk_catch_all_use_without_a_reason_is_refused_naming_the_reason_field_before_anyone_is_used(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var person = await h.RegisterAsync();
        var taken = 0;

        var used = await h.Gate.UseAllAsync(Actor.System, "leverages-career-mexico", CatchAll, GateUse.Read, "bulk:test", reason: null, _ => taken++, fromReplica: false, TestContext.Current.CancellationToken);

        Assert.Equal(("reason", "purpose.reason-required"), (used.Failure?.Field, used.Failure?.Code));
        Assert.Equal(0, taken);
        Assert.DoesNotContain(await h.EventsAsync(person), e => e.Type == AuditEventType.PersonRead);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_bulk_catch_all_use_with_a_reason_keeps_it_sealed_for_each_person_and_each_event_names_its_own(string provider)
    {
        await using var h = await GateHarness.CreateAsync(provider);
        var persons = new[] { await h.RegisterAsync(), await h.RegisterAsync() };
        var taken = new List<Guid>();

        var used = await h.Gate.UseAllAsync(Actor.System, "leverages-career-mexico", CatchAll, GateUse.Read, "bulk:test", Reason, v => taken.Add(v.Id), fromReplica: false, TestContext.Current.CancellationToken);

        Assert.True(used.Succeeded, used.Failure?.Detail);
        Assert.Equal(persons.Order(), taken.Order());
        var rows = await ReasonRowsAsync(h);
        Assert.Equal(persons.Order(), rows.Select(r => r.PersonId).Order());
        await using var db = await h.DbAsync();
        var texts = await h.Get<UseReasons>().TextsAsync(db, rows.Select(r => r.Id).ToList(), TestContext.Current.CancellationToken);
        foreach (var person in persons)
        {
            var use = Assert.Single(await h.EventsAsync(person), e => e.Type == AuditEventType.PersonRead);
            var row = Assert.Single(rows, r => r.PersonId == person);
            Assert.Equal((AuditOutcome.Allowed, row.Id), (use.Outcome, UseReasons.IdOf(use.Subject)));
            Assert.EndsWith(" bulk:test", use.Subject, StringComparison.Ordinal);
            Assert.Equal(Reason, texts[row.Id]);
        }
    }

    [Fact]
    public async Task A_reason_longer_than_a_note_is_refused()
    {
        await using var h = await GateHarness.CreateAsync("sqlite");
        var person = await h.RegisterAsync();
        var read = await h.Gate.UseAsync(Actor.System, person, CatchAll, GateUse.Read, new string('x', UseReasons.MaxLength + 1), TestContext.Current.CancellationToken);
        Assert.Equal(("reason", "purpose.reason-too-long"), (read.Failure?.Field, read.Failure?.Code));
    }

    private static async Task<List<UseReason>> ReasonRowsAsync(GateHarness h)
    {
        await using var db = await h.DbAsync();
        return await db.Set<UseReason>().AsNoTracking().ToListAsync();
    }
}
