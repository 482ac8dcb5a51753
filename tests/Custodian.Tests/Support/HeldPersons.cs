using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Support;

/// <summary>
/// A person id with a data key row and nothing else, for tests of what is done with audit events alone: the chain
/// records an allowed use only of a person who still holds a key (the erasure barrier), so a made-up id will not do.
/// </summary>
public static class HeldPersons
{
    public static async Task<Guid> CreateAsync(IDbContextFactory<CustodianDb> factory)
    {
        var person = Guid.CreateVersion7();
        await using var db = await factory.CreateDbContextAsync();
        db.Add(new PersonKey { PersonId = person, KeyId = "test", Wrapped = [1] });
        await db.SaveChangesAsync();
        return person;
    }
}
