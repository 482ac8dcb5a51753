using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.PrivacyCentre;

/// <summary>Choices recorded on one day (UTC).</summary>
public sealed record CookieDay(DateOnly Day, int Choices);

/// <summary>Of the choices made in one language, how many opted in to one category.</summary>
public sealed record CookieOptIn(string Category, string Language, int Choices, int OptedIn)
{
    public double Rate => Choices == 0 ? 0 : (double)OptedIn / Choices;
}

public sealed record CookieFiguresReport(DateOnly From, DateOnly To, int Total, IReadOnlyList<CookieDay> Days, IReadOnlyList<CookieOptIn> OptIns);

/// <summary>
/// The cookie-consent figures: choices per day and the opt-in rate per category and banner language over a period.
/// Choices hold no personal data (an anonymized network at most), so the figures need no gate.
/// </summary>
public sealed class CookieFigures(IDbContextFactory<CustodianDb> factory, PolicyStore policies, TimeProvider time)
{
    public const int MaxDays = 366;
    public const string UnknownLanguage = "unknown";

    public async Task<CookieFiguresReport> LastDaysAsync(int days, CancellationToken cancellationToken = default)
    {
        days = Math.Clamp(days, 1, MaxDays);
        var to = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = to.AddDays(1 - days);
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Three short columns per choice: a year of a busy site is a few hundred thousand rows, folded here in one pass.
        var rows = await db.Set<CookieChoice>().AsNoTracking().Where(c => c.At >= since && c.PolicyId == policies.Default.Id)
            .Select(c => new { c.At, c.Categories, c.Language }).ToListAsync(cancellationToken);
        var perDay = rows.GroupBy(r => DateOnly.FromDateTime(r.At)).ToDictionary(g => g.Key, g => g.Count());
        var dayList = Enumerable.Range(0, days).Select(i => from.AddDays(i)).Select(d => new CookieDay(d, perDay.GetValueOrDefault(d))).ToList();
        var categories = policies.Default.Cookies?.Categories.Where(c => !c.Required).Select(c => c.Id).ToList() ?? [];
        var optIns = rows.GroupBy(r => r.Language ?? UnknownLanguage)
            .SelectMany(byLanguage =>
            {
                var chosen = byLanguage.Select(r => r.Categories.Split(',')).ToList();
                return categories.Select(category => new CookieOptIn(category, byLanguage.Key, chosen.Count, chosen.Count(c => c.Contains(category))));
            })
            .OrderBy(o => o.Category, StringComparer.Ordinal).ThenBy(o => o.Language, StringComparer.Ordinal).ToList();
        return new CookieFiguresReport(from, to, rows.Count, dayList, optIns);
    }
}
