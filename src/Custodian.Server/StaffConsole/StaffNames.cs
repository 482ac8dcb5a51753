using System.Globalization;
using Custodian.Staff;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

/// <summary>Staff accounts' user names (and API tokens' names) for the ids the audit log and the records carry: staff read names, not ids.</summary>
internal sealed class StaffNames(IDbContextFactory<CustodianDb> factory)
{
    public async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var names = await db.Set<StaffAccount>().AsNoTracking().Where(a => wanted.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.UserName, cancellationToken);
        foreach (var token in await db.Set<ApiToken>().AsNoTracking().Where(t => wanted.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
        {
            names[token.Id] = token.Name;
        }

        return names;
    }

    /// <summary>Every staff account by name, for a picker.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> AllAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Set<StaffAccount>().AsNoTracking().OrderBy(a => a.UserName).Select(a => new { a.Id, a.UserName }).ToListAsync(cancellationToken);
        return accounts.ConvertAll(a => (a.Id, a.UserName));
    }

    /// <summary>Every API token by name (never its secret, which is not kept), revoked ones too: their events stay in the log.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> TokensAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.Set<ApiToken>().AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.CreatedAt).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        return tokens.ConvertAll(t => (t.Id, t.Name));
    }

    /// <summary>The audit log's actor ("staff:{id}", "token:{id}", "system", "person:{id}") as a reader names it.</summary>
    public static string Describe(string actor, IReadOnlyDictionary<Guid, string> names, Func<string, string> words)
    {
        var (kind, id) = Parse(actor);
        return kind switch
        {
            "staff" when id is { } staff && names.TryGetValue(staff, out var name) => name,
            "staff" => words("a staff account no longer held"),
            "token" when id is { } token && names.TryGetValue(token, out var name) => string.Format(CultureInfo.InvariantCulture, words("API token “{0}”"), name),
            "token" => words("an API token"),
            "person" => words("the person themselves"),
            "system" => words("the system"),
            _ => actor,
        };
    }

    public static (string Kind, Guid? Id) Parse(string actor)
    {
        var colon = actor.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (actor, null) : (actor[..colon], Guid.TryParse(actor[(colon + 1)..], out var id) ? id : null);
    }
}
