using System.Globalization;
using Custodian.Common;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Server.StaffConsole;

/// <summary>The list's filters as the page's query string carries them; dates are ISO (yyyy-MM-dd), both ends included.</summary>
public sealed record PersonFilter(string? Policy, string? Channel, string? State, string? From, string? To, string? After);

/// <summary>One row of the list: what is known without decrypting anything.</summary>
public sealed record PersonRow(Guid Id, string PolicyId, string Channel, PersonState State, DateTime RegisteredAt);

/// <summary>A page of persons, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record PersonPage(IReadOnlyList<PersonRow> Rows, string? Next);

/// <summary>
/// Lists persons by the columns the vault keeps in the clear (policy, channel, state, registration time), newest first,
/// paged by key (registered, id) so that page 1,000 costs what page 1 does. Nothing is decrypted and nothing audited:
/// no personal data is read.
/// </summary>
internal sealed class PersonList(IDbContextFactory<CustodianDb> factory, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<Result<PersonPage>> PageAsync(PersonFilter filter, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Date(filter.From, "from", errors);
        var to = Date(filter.To, "to", errors);
        var state = State(filter.State, errors);
        var after = Cursor(filter.After, errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors["to"] = ["range.reversed"];
        }

        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var persons = db.Set<Person>().AsNoTracking();
        persons = string.IsNullOrWhiteSpace(filter.Policy) ? persons : persons.Where(p => p.PolicyId == filter.Policy);
        persons = string.IsNullOrWhiteSpace(filter.Channel) ? persons : persons.Where(p => p.Channel == filter.Channel);
        persons = state is { } s ? persons.Where(p => p.State == s) : persons;
        if (from is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            persons = persons.Where(p => p.RegisteredAt >= since);
        }

        if (to is { } end)
        {
            var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            persons = persons.Where(p => p.RegisteredAt < until);
        }

        if (after is { } cursor)
        {
            var (at, id) = cursor;
            persons = persons.Where(p => p.RegisteredAt < at || (p.RegisteredAt == at && p.Id.CompareTo(id) < 0));
        }

        var rows = await persons.OrderByDescending(p => p.RegisteredAt).ThenByDescending(p => p.Id).Take(PageSize + 1)
            .Select(p => new PersonRow(p.Id, p.PolicyId, p.Channel, p.State, p.RegisteredAt)).ToListAsync(cancellationToken);
        var next = rows.Count > PageSize ? CursorOf(rows[PageSize - 1]) : null;
        return new PersonPage(rows.Count > PageSize ? rows[..PageSize] : rows, next);
    }

    public static string StateName(PersonState state) => state switch
    {
        PersonState.UseSuspended => "use-suspended",
        _ => state.ToString().ToLowerInvariant(),
    };

    private DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year >= 2000 && date <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(1))
        {
            return date;
        }

        errors[field] = ["date.invalid"];
        return null;
    }

    private static PersonState? State(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (var state in Enum.GetValues<PersonState>())
        {
            if (StateName(state) == text)
            {
                return state;
            }
        }

        errors["state"] = ["state.unknown"];
        return null;
    }

    // "{ticks}-{id}": the last row of the page before; ids only, never anything about the person.
    private static string CursorOf(PersonRow row) => string.Create(CultureInfo.InvariantCulture, $"{row.RegisteredAt.Ticks}-{row.Id:N}");

    private static (DateTime At, Guid Id)? Cursor(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(text[(dash + 1)..], "N", out var id))
        {
            return (new DateTime(ticks, DateTimeKind.Utc), id);
        }

        errors["after"] = ["cursor.invalid"];
        return null;
    }
}
