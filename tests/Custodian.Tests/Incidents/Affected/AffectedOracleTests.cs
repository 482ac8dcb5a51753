using Custodian.Audit;
using Custodian.Gate;
using Custodian.Incidents.Affected;
using Custodian.Provision;
using Custodian.Staff;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Incidents.Affected;

/// <summary>
/// The affected-persons query against a brute-force oracle: every event written here is read back and scanned with plain
/// LINQ, under this test's own statement of what counts as a use. The chain holds every kind of event, refusals, other
/// actors, and events exactly at both ends of the window.
/// </summary>
public sealed class AffectedOracleTests
{
    // The test's own list, written from the issue ("reads, releases, provisions, exports, disclosures"), not UsesOfData's.
    private static readonly AuditEventType[] Uses =
    [
        AuditEventType.PersonRead, AuditEventType.PersonProvided, AuditEventType.PersonReleased, AuditEventType.PersonDisclosed,
        AuditEventType.PersonExported, AuditEventType.PersonLookedUp, AuditEventType.EntryProvisionRecorded,
        AuditEventType.ProvisionReceived, AuditEventType.InquirySharedWithAffiliate,
    ];

    private static readonly AuditEventType[] Others =
    [
        AuditEventType.PersonRegistered, AuditEventType.PersonCorrected, AuditEventType.ItemsAdded, AuditEventType.ConsentGiven,
        AuditEventType.ProvidedViewRefused, AuditEventType.RequestReceived, AuditEventType.StaffSignedIn,
    ];

    private static readonly string[] ItemIds = ["name", "email", "telephone", "birth-date", "address", "work-history"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_persons_listed_are_exactly_those_a_plain_scan_of_the_chain_finds_for_every_kind_of_actor(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = new TestDatabase(provider);
        var time = new FakeTime(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));
        await using var audit = new AuditLog(database.Factory, time);
        var staff = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var companyUsers = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var (company, consignee, consigneeToken, token) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            db.AddRange(staff.Concat(companyUsers).Select((id, i) => new StaffAccount { Id = id, UserName = $"user{i}", Role = "recruiter" }));
            db.AddRange(new ApiToken { Id = token, Name = "service", SecretHash = [1] }, new ApiToken { Id = consigneeToken, Name = "consignee", SecretHash = [2] });
            db.Add(new ClientCompany { Id = company, Name = "Company", Industry = "IT", Country = "JP" });
            db.AddRange(companyUsers.Select(u => new CompanyUser { StaffAccountId = u, CompanyId = company }));
            db.Add(new Consignee { Id = consignee, Name = "Consignee", TokenId = consigneeToken });
            await db.SaveChangesAsync(ct);
        }

        var persons = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            // Data keys for most: the chain's erasure barrier refuses an allowed use of a person without one, as for the last five.
            db.AddRange(persons.Take(35).Select(p => new Custodian.Vault.PersonKey { PersonId = p, KeyId = "k", Wrapped = [1] }));
            await db.SaveChangesAsync(ct);
        }

        var actors = staff.Concat(companyUsers).Select(id => $"staff:{id}").Concat([$"token:{token}", $"token:{consigneeToken}", "system"]).ToArray();
        var (from, to) = (new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var random = new Random(20);
        for (var batch = 0; batch < 160; batch++)
        {
            // A few batches land exactly on the window's ends; the rest wander across three months.
            time.Advance(TimeSpan.FromMinutes(random.Next(1, 1100)) + TimeSpan.FromTicks(random.Next(0, 10_000_000)));
            var at = batch switch { 60 => from, 61 => to.AddTicks(-10), 62 => to, _ => time.GetUtcNow().UtcDateTime };
            var clock = new FakeTime(new DateTimeOffset(at));
            await using var writer = new AuditLog(database.Factory, clock);
            var entries = Enumerable.Range(0, random.Next(5, 30)).Select(_ => RandomEntry(random, actors, persons)).ToList();
            await using var db = await database.Factory.CreateDbContextAsync(ct);
            await writer.CommitAsync(db, entries, ct);
        }

        var service = new AffectedPersons(Custodian.Storage.ReportingDatabase.Primary(database.Factory), audit);
        List<AuditEvent> chain;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            chain = await db.Set<AuditEvent>().AsNoTracking().ToListAsync(ct);
        }

        Assert.Contains(chain, e => e.At == from);
        Assert.Contains(chain, e => e.At == to);
        var queries = new (string Actor, string[] Names)[]
        {
            ($"staff:{staff[0]}", [$"staff:{staff[0]}"]),
            ($"staff:{staff[3]}", [$"staff:{staff[3]}"]),
            ($"token:{token}", [$"token:{token}"]),
            ($"consignee:{consignee}", [$"token:{consigneeToken}"]),
            ($"company:{company}", companyUsers.Select(u => $"staff:{u}").ToArray()),
        };
        foreach (var (actor, names) in queries)
        {
            var expected = chain
                .Where(e => names.Contains(e.Actor) && e.At >= from && e.At < to && e.Outcome == AuditOutcome.Allowed && e.PersonId != null && Uses.Contains(e.Type))
                .GroupBy(e => e.PersonId!.Value)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Key}|{string.Join(',', g.SelectMany(e => (e.Items ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal))}|{g.Min(e => e.At):O}|{g.Max(e => e.At):O}|{g.Count()}")
                .ToList();

            var found = await service.FindAsync(Actor.System, actor, "2026-11-01", "2026-12-01T00:00:00Z", ct);

            Assert.True(found.Succeeded, found.Failure?.Detail);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, found.Value!.Persons.Select(p => $"{p.PersonId}|{string.Join(',', p.Items)}|{p.FirstAt:O}|{p.LastAt:O}|{p.Events}").ToList());
        }
    }

    private static AuditEntry RandomEntry(Random random, string[] actors, Guid[] persons)
    {
        var use = random.Next(3) > 0;
        var type = use ? Uses[random.Next(Uses.Length)] : Others[random.Next(Others.Length)];
        var outcome = random.Next(5) == 0 ? AuditOutcome.Refused : AuditOutcome.Allowed;
        var items = random.Next(6) == 0 ? null : string.Join(',', ItemIds.Where(_ => random.Next(3) == 0));
        Guid? person = random.Next(12) == 0 ? null : persons[random.Next(persons.Length)];
        return new AuditEntry(type, actors[random.Next(actors.Length)], outcome, person, "service.apply", items);
    }
}
