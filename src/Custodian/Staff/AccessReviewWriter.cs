using System.Globalization;

namespace Custodian.Staff;

/// <summary>An access review as plain text or as CSV with one row per finding, for the command line and for filing.</summary>
internal static class AccessReviewWriter
{
    public static async Task WriteTextAsync(AccessReview r, TextWriter o)
    {
        await o.WriteLineAsync(Line($"Access review {r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd}, department {r.DepartmentId?.ToString() ?? "all"}, times in {r.TimeZone}"));
        await o.WriteLineAsync(r.SignOff is { } s ? Line($"Signed off by staff:{s.SignedBy} at {s.SignedAt:yyyy-MM-dd HH:mm}Z") : "Not signed off.");
        await o.WriteLineAsync("Reads per staff member (reads, persons, outside hours, denied):");
        foreach (var l in r.Staff)
        {
            await o.WriteLineAsync(Line($"  staff:{l.StaffId} {l.UserName}  {l.Reads}  {l.Persons}  {l.OutsideHours}  {l.Denied}"));
        }

        await o.WriteLineAsync(Line($"Bulk reads: {r.BulkReads.Count}"));
        foreach (var b in r.BulkReads)
        {
            await o.WriteLineAsync(Line($"  staff:{b.StaffId} {b.UserName}  {b.Persons} persons  {b.From:yyyy-MM-dd HH:mm}Z to {b.To:yyyy-MM-dd HH:mm}Z"));
        }

        await WriteEventsAsync(o, "Reads outside working hours", r.OutsideHours);
        await WriteEventsAsync(o, "Denied attempts", r.Denied);
        await o.WriteLineAsync(Line($"Persons viewed by many staff: {r.WidelyViewed.Count}"));
        foreach (var p in r.WidelyViewed)
        {
            await o.WriteLineAsync(Line($"  person:{p.PersonId}  {p.StaffMembers} staff"));
        }
    }

    public static async Task WriteCsvAsync(AccessReview r, TextWriter output)
    {
        await using var csv = Common.CsvExport.Open(output);
        foreach (var h in new[] { "section", "staff_id", "user_name", "person_id", "from", "to", "count", "event", "reason" })
        {
            csv.WriteField(h);
        }

        await csv.NextRecordAsync();
        async Task Row(string section, Guid? staff, string? name, Guid? person, DateTimeOffset? from, DateTimeOffset? to, int? count, string? e = null, string? reason = null)
        {
            foreach (var f in new[] { section, staff?.ToString(), name, person?.ToString(), Instant(from), Instant(to), count?.ToString(CultureInfo.InvariantCulture), e, reason })
            {
                csv.WriteField(f);
            }

            await csv.NextRecordAsync();
        }

        foreach (var l in r.Staff)
        {
            await Row("reads", l.StaffId, l.UserName, null, null, null, l.Reads);
        }

        foreach (var b in r.BulkReads)
        {
            await Row("bulk", b.StaffId, b.UserName, null, b.From, b.To, b.Persons);
        }

        foreach (var (section, list) in new[] { ("outside-hours", r.OutsideHours), ("denied", r.Denied) })
        {
            foreach (var e in list.Rows)
            {
                await Row(section, e.StaffId, e.UserName, e.PersonId, e.At, e.At, null, e.Event, e.Reason);
            }
        }

        foreach (var p in r.WidelyViewed)
        {
            await Row("widely-viewed", null, null, p.PersonId, null, null, p.StaffMembers);
        }
    }

    private static async Task WriteEventsAsync(TextWriter o, string title, AccessEventList list)
    {
        await o.WriteLineAsync(Line($"{title}: {list.Total}"));
        foreach (var e in list.Rows)
        {
            await o.WriteLineAsync(Line($"  #{e.Seq} {e.At:yyyy-MM-dd HH:mm}Z staff:{e.StaffId} {e.UserName} {e.Event} {(e.PersonId is { } p ? "person:" + p : "")} {e.Reason}").TrimEnd());
        }
    }

    private static string? Instant(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
