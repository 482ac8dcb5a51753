using Custodian.Common;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Incidents.Affected;

/// <summary>A person named by an uploaded list; <see cref="Erased"/> when only the record of them is left (nobody to notify).</summary>
internal sealed record ListedPerson(Guid PersonId, bool Erased);

/// <summary>
/// An uploaded list of affected persons, for incidents whose persons are not found from the audit log (a lost
/// laptop's export, a consignee's own report). Plain text with one id a line, or CSV whose first column holds the ids
/// (a header such as <c>person_id</c> is skipped, so this command's own output is accepted). Blank lines and repeats
/// are ignored; a line that is not an id, or an id no person has, refuses the whole list with every bad line named.
/// </summary>
internal sealed class PersonIdList(IDbContextFactory<CustodianDb> factory)
{
    /// <summary>More lines than this is not a list a person uploads; the limit keeps one upload's work bounded.</summary>
    public const int MaxLines = 1_000_000;

    private const int MaxErrorsListed = 20;
    private const int LookupBatch = 1000;

    public async Task<Result<IReadOnlyList<ListedPerson>>> ParseAsync(TextReader input, CancellationToken cancellationToken = default)
    {
        var ids = new List<Guid>();
        var lines = new Dictionary<Guid, int>();
        var errors = new List<string>();
        var number = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (++number > MaxLines)
            {
                return Failure.Invalid("file", "person-list.too-long", $"The list has more than {MaxLines:N0} lines.");
            }

            var cell = FirstCell(line);
            if (cell.Length == 0 || (number == 1 && !Guid.TryParse(cell, out _) && cell.Contains("id", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!Guid.TryParse(cell, out var id))
            {
                errors.Add($"line {number}: not a person id");
            }
            else if (lines.TryAdd(id, number))
            {
                ids.Add(id);
            }
        }

        var found = await LookUpAsync(ids, cancellationToken);
        errors.AddRange(ids.Where(id => !found.ContainsKey(id)).Select(id => $"line {lines[id]}: no person has this id"));
        if (errors.Count > 0)
        {
            var shown = string.Join("; ", errors.OrderBy(LineOf).Take(MaxErrorsListed));
            return Failure.Invalid("file", "person-list.invalid", errors.Count > MaxErrorsListed ? $"{shown}; and {errors.Count - MaxErrorsListed} more" : shown);
        }

        if (ids.Count == 0)
        {
            return Failure.Invalid("file", "person-list.empty", "The list names no person.");
        }

        return ids.ConvertAll(id => new ListedPerson(id, found[id]));
    }

    private async Task<Dictionary<Guid, bool>> LookUpAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var found = new Dictionary<Guid, bool>(ids.Count);
        foreach (var batch in ids.Chunk(LookupBatch))
        {
            var rows = await db.Set<Person>().AsNoTracking().Where(p => batch.Contains(p.Id)).Select(p => new { p.Id, p.State }).ToListAsync(cancellationToken);
            rows.ForEach(r => found[r.Id] = r.State == PersonState.Erased);
        }

        return found;
    }

    private static string FirstCell(string line)
    {
        var comma = line.IndexOfAny([',', ';', '\t']);
        return (comma < 0 ? line : line[..comma]).Trim().Trim('"').Trim();
    }

    private static int LineOf(string error) => int.Parse(error.AsSpan(5, error.IndexOf(':', StringComparison.Ordinal) - 5), System.Globalization.CultureInfo.InvariantCulture);
}
