using Custodian.Gate;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Retention;

/// <summary>The bulk erasure and the single one are one erasure: keys, indexes and items go, one event per person, each person once.</summary>
public sealed class EraseManyTests
{
    [Fact]
    public async Task Many_persons_are_erased_once_each_skipping_the_unknown_and_the_already_erased()
    {
        await using var h = await RetentionHarness.CreateAsync("sqlite", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await h.RegisterAsync());
        }

        Assert.True((await h.Vault.EraseAsync(Actor.System, ids[0])).Succeeded);

        var erased = await h.Vault.EraseManyAsync(Actor.System, [.. ids, Guid.NewGuid()], "test", batchSize: 2);

        Assert.Equal(4, erased);
        Assert.Equal("person.erased", (await h.Vault.EraseAsync(Actor.System, ids[1])).Failure?.Code);
        Assert.Equal("person.unknown", (await h.Vault.EraseAsync(Actor.System, Guid.NewGuid())).Failure?.Code);
        await using var db = await h.DbAsync();
        Assert.Equal(0, await db.Set<PersonKey>().CountAsync());
        Assert.Equal(0, await db.Set<BlindIndex>().CountAsync());
        Assert.All(await db.Set<Person>().ToListAsync(), p => Assert.Equal((PersonState.Erased, null, ""), (p.State, p.Sealed, p.ItemIds)));
        Assert.Equal(5, await db.Set<Custodian.Audit.AuditEvent>().CountAsync(e => e.Type == Custodian.Audit.AuditEventType.PersonErased));
        Assert.True((await h.Verifier.VerifyAsync()).Intact);
    }
}
