using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Gate;

/// <summary>
/// An erasure that commits after a use passed the gate's checks, and before its audit event is chained, refuses that
/// use: no data leaves and the chain holds no allowed use after the erasure. The interleaving is forced by a check
/// that runs last and erases the person it is asked about.
/// </summary>
public sealed class ErasureBarrierTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_read_whose_person_is_erased_after_its_checks_is_refused_as_gone_and_chained_refused(string provider)
    {
        var eraser = new EraseAfterChecks();
        await using var h = await WithEraserAsync(provider, eraser);
        var person = await h.RegisterAsync();
        eraser.Target = person;

        var read = await h.Gate.ReadAsync(Actor.System, person, "service.apply", TestContext.Current.CancellationToken);
        await eraser.Erasure!;

        Assert.Equal("person.erased", read.Failure?.Code);
        Assert.Equal(FailureKind.Gone, read.Failure?.Kind);
        var events = await h.EventsAsync(person);
        var erased = Assert.Single(events, e => e.Type == AuditEventType.PersonErased);
        var use = Assert.Single(events, e => e.Type == AuditEventType.PersonRead);
        Assert.True(use.Seq > erased.Seq);
        Assert.Equal((AuditOutcome.Refused, "person.erased", null), (use.Outcome, use.Reason, use.Items));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_batch_use_leaves_out_a_person_erased_after_their_checks_and_counts_them(string provider)
    {
        var eraser = new EraseAfterChecks();
        await using var h = await WithEraserAsync(provider, eraser);
        var persons = new[] { await h.RegisterAsync(), await h.RegisterAsync(), await h.RegisterAsync() };
        eraser.Target = persons[1];
        var taken = new List<Guid>();

        var used = await h.Gate.UseAllAsync(
            Actor.System, h.PolicyId, "service.apply", GateUse.Release, "release:test", view => taken.Add(view.Id), TestContext.Current.CancellationToken);
        await eraser.Erasure!;

        Assert.Equal(2, used.Value!.Allowed);
        Assert.Equal(1, used.Value.Refused["person.erased"]);
        Assert.Equal([persons[0], persons[2]], taken.Order());
        var events = await h.EventsAsync(persons[1]);
        var erased = Assert.Single(events, e => e.Type == AuditEventType.PersonErased);
        var use = Assert.Single(events, e => e.Type == AuditEventType.PersonReleased);
        Assert.True(use.Seq > erased.Seq);
        Assert.Equal((AuditOutcome.Refused, "person.erased"), (use.Outcome, use.Reason));
        Assert.All(await h.EventsAsync(persons[0]), e => Assert.Equal(AuditOutcome.Allowed, e.Outcome));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_read_that_is_chained_before_the_erasure_is_allowed_and_the_erasure_follows_it(string provider)
    {
        var eraser = new EraseAfterChecks();
        await using var h = await WithEraserAsync(provider, eraser);
        var person = await h.RegisterAsync();

        var read = await h.Gate.ReadAsync(Actor.System, person, "service.apply", TestContext.Current.CancellationToken);
        var erasure = await h.Get<PersonVault>().EraseAsync(Actor.System, person, TestContext.Current.CancellationToken);
        var after = await h.Gate.ReadAsync(Actor.System, person, "service.apply", TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded);
        Assert.True(erasure.Succeeded);
        Assert.Equal("person.erased", after.Failure?.Code);
        var events = await h.EventsAsync(person);
        Assert.Equal(
            [(AuditEventType.PersonRegistered, AuditOutcome.Allowed), (AuditEventType.PersonRead, AuditOutcome.Allowed), (AuditEventType.PersonErased, AuditOutcome.Allowed), (AuditEventType.PersonRead, AuditOutcome.Refused)],
            events.Select(e => (e.Type, e.Outcome)));
    }

    /// <summary>
    /// Runs after every other check and, for its target, erases the person and waits until the erasure has committed
    /// (not for the log checkpoint that follows it: on SQLite that waits for the batch's open read to end).
    /// </summary>
    private sealed class EraseAfterChecks : IGateCheck
    {
        public PersonVault? Vault { get; set; }
        public IDbContextFactory<CustodianDb>? Factory { get; set; }
        public Guid? Target { get; set; }
        public Task? Erasure { get; private set; }

        public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
        {
            if (request.Person.Id != Target || Erasure is not null)
            {
                return null;
            }

            var person = request.Person.Id;
            Erasure = Task.Run(() => Vault!.EraseAsync(Actor.System, person, cancellationToken), cancellationToken);
            await using var probe = await Factory!.CreateDbContextAsync(cancellationToken);
            while (!Erasure.IsCompleted && await probe.Set<PersonKey>().AnyAsync(k => k.PersonId == person, cancellationToken))
            {
                await Task.Delay(5, cancellationToken);
            }

            return null;
        }
    }

    /// <summary>The vault and its gate with <see cref="EraseAfterChecks"/> last.</summary>
    private static async Task<GateHarness> WithEraserAsync(string provider, EraseAfterChecks eraser)
    {
        var h = await GateHarness.CreateAsync(provider, s => s.AddSingleton<IGateCheck>(eraser));
        eraser.Vault = h.Get<PersonVault>();
        eraser.Factory = h.Get<IDbContextFactory<CustodianDb>>();
        return h;
    }
}
