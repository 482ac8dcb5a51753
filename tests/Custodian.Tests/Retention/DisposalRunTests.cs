using Custodian.Anonymization;
using Custodian.Consent;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.PrivacyCentre;
using Custodian.Provision;
using Custodian.Requests;
using Custodian.Retention;
using Custodian.Staff;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Tests.Retention;

/// <summary>
/// A disposal run over one record of every kind that has expired and one that has not, three years and two days after
/// the first registrations, on SQLite and on PostgreSQL.
/// </summary>
public sealed class DisposalRunTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private sealed record Seeded(
        Guid OldPerson, Guid ActivePerson, Guid PersonWithOpenRequest, Guid RecentPerson, Guid OldInquiryPerson, Guid OpenInquiryPerson,
        Guid OldInquiry, Guid NewInquiry, Guid OldForm, Guid NewForm, Guid OldDocument, Guid HeldDocument, Guid OldChoice, Guid NewChoice,
        Guid ErasedPersonsLine, Guid ActivePersonsLine, Guid OldRecord, Guid NewRecord, Guid OldRelease, Guid NewRelease, Guid OldSession, Guid NewSession);

    private static async Task<Seeded> SeedAsync(RetentionHarness h)
    {
        var oldPerson = await h.RegisterAsync();
        var activePerson = await h.RegisterAsync();
        var openRequestPerson = await h.RegisterAsync();
        var erased = await h.RegisterAsync();
        Assert.True((await h.Vault.EraseAsync(Actor.System, erased)).Succeeded);
        var oldInquiryPerson = await h.RegisterAsync("contact-form");
        var openInquiryPerson = await h.RegisterAsync("contact-form");
        var t0 = h.Now;
        var oldInquiry = Guid.NewGuid();
        var erasedLine = Guid.NewGuid();
        var openRequest = Guid.NewGuid();
        await h.AddAsync(
            new Inquiry { Id = oldInquiry, PersonId = oldInquiryPerson, PolicyId = "leverages-career-mexico", State = InquiryState.Answered, ReceivedAt = t0, AnsweredAt = t0 },
            new Inquiry { Id = Guid.NewGuid(), PersonId = openInquiryPerson, PolicyId = "leverages-career-mexico", State = InquiryState.Open, ReceivedAt = t0 },
            new ConsentRecord { Id = erasedLine, PersonId = erased, Purpose = "service.guides", Given = true, PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09", Channel = "staff", At = t0 },
            Request(openRequest, t0, RequestState.Received, openRequestPerson));

        h.Advance(TimeSpan.FromDays(912));
        var activeLine = Guid.NewGuid();
        await h.AddAsync(new ConsentRecord { Id = activeLine, PersonId = activePerson, Purpose = "service.guides", Given = true, PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09", Channel = "staff", At = h.Now });
        var recentPerson = await h.RegisterAsync();

        // Now: three years and two days after the first registrations.
        h.Advance(new DateTime(2023, 1, 3, 9, 0, 0, DateTimeKind.Utc) - h.Now);
        var now = h.Now;
        var newInquiryPerson = await h.RegisterAsync("contact-form");
        var ids = Enumerable.Range(0, 14).Select(_ => Guid.NewGuid()).ToArray();
        await h.AddAsync(
            new Inquiry { Id = ids[0], PersonId = newInquiryPerson, PolicyId = "leverages-career-mexico", State = InquiryState.Answered, ReceivedAt = now.AddDays(-10), AnsweredAt = now.AddDays(-5) },
            Request(ids[1], now.AddYears(-2), RequestState.Closed, null),
            Request(ids[2], now.AddDays(-30), RequestState.Closed, null),
            new RequestDocument { Id = ids[3], RequestId = ids[2], Kind = "passport", Holder = "person", ContentType = "image/png", Length = 1, State = DocumentState.Accepted, UploadedAt = now.AddDays(-12), ReviewedAt = now.AddDays(-10), Sealed = [9] },
            new RequestDocument { Id = ids[4], RequestId = openRequest, Kind = "passport", Holder = "person", ContentType = "image/png", Length = 1, State = DocumentState.Uploaded, UploadedAt = t0, Sealed = [9] },
            new CookieChoice { Id = ids[5], PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09", Categories = "strictly-necessary", At = now.AddYears(-3) },
            new CookieChoice { Id = ids[6], PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09", Categories = "strictly-necessary", At = now.AddYears(-1) },
            new ProvisionRecord { Id = ids[7], PersonId = activePerson, PolicyId = "leverages-career-mexico", ProvidedAt = now.AddYears(-4), KeepUntil = now.AddYears(-1) },
            new ProvisionReceipt { ProvisionRecordId = ids[7], CompanyId = Guid.NewGuid(), PersonId = activePerson, ReceivedBy = "staff:x", ReceivedAt = now.AddYears(-4) },
            new ProvisionRecord { Id = ids[8], PersonId = activePerson, PolicyId = "leverages-career-mexico", ProvidedAt = now.AddYears(-1), KeepUntil = now.AddYears(2) },
            new AnonymizedRelease { Id = ids[9], PolicyId = "leverages-career-mexico", CreatedAt = now.AddYears(-2) },
            new ReleasedData { ReleaseId = ids[9], Csv = "sex\nfemale" },
            new ProcessingMethod { ReleaseId = ids[9], Method = "{}" },
            new AnonymizedRelease { Id = ids[10], PolicyId = "leverages-career-mexico", CreatedAt = now.AddDays(-30) },
            new ReleasedData { ReleaseId = ids[10], Csv = "sex\nmale" },
            new StaffSession { Id = ids[11], AccountId = Guid.NewGuid(), CreatedAt = now.AddDays(-101), LastSeenAt = now.AddDays(-100), EndedAt = now.AddDays(-100) },
            new StaffSession { Id = ids[12], AccountId = Guid.NewGuid(), CreatedAt = now.AddDays(-1), LastSeenAt = now.AddDays(-1) });
        return new Seeded(oldPerson, activePerson, openRequestPerson, recentPerson, oldInquiryPerson, openInquiryPerson, oldInquiry, ids[0], ids[1], ids[2], ids[3], ids[4],
            ids[5], ids[6], erasedLine, activeLine, ids[7], ids[8], ids[9], ids[10], ids[11], ids[12]);
    }

    private static DataRequest Request(Guid id, DateTime at, RequestState state, Guid? person) => new()
    {
        Id = id, Reference = id.ToString("N")[..12], PolicyId = "leverages-career-mexico", PolicyVersion = "2023-06-09", Type = "disclosure", PersonId = person,
        Channel = "privacy-centre", State = state, Language = "en", ReceivedAt = at, UpdatedAt = at, ClosedAt = state == RequestState.Closed ? at : null,
        KeyId = "k", WrappedKey = [1], SealedForm = [1, 2, 3],
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Expired_records_of_every_kind_go_and_the_rest_stay(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);
        var s = await SeedAsync(h);

        var report = await h.Run.RunAsync(Actor.System, dryRun: false);

        await using var db = await h.DbAsync();
        async Task<PersonState> StateOf(Guid id) => (await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == id)).State;
        Assert.Equal(PersonState.Erased, await StateOf(s.OldPerson));
        Assert.Equal(PersonState.Erased, await StateOf(s.OldInquiryPerson));
        Assert.All(new[] { s.ActivePerson, s.PersonWithOpenRequest, s.RecentPerson, s.OpenInquiryPerson }, id => Assert.Equal(PersonState.Active, StateOf(id).Result));
        Assert.False(await db.Set<Inquiry>().AnyAsync(i => i.Id == s.OldInquiry));
        Assert.True(await db.Set<Inquiry>().AnyAsync(i => i.Id == s.NewInquiry));
        Assert.Null((await db.Set<DataRequest>().AsNoTracking().SingleAsync(r => r.Id == s.OldForm)).SealedForm);
        Assert.NotNull((await db.Set<DataRequest>().AsNoTracking().SingleAsync(r => r.Id == s.NewForm)).SealedForm);
        Assert.Null((await db.Set<RequestDocument>().AsNoTracking().SingleAsync(d => d.Id == s.OldDocument)).Sealed);
        Assert.NotNull((await db.Set<RequestDocument>().AsNoTracking().SingleAsync(d => d.Id == s.HeldDocument)).Sealed);
        Assert.Equal([s.NewChoice], await db.Set<CookieChoice>().Select(c => c.Id).ToListAsync());
        Assert.Equal([s.ActivePersonsLine], await db.Set<ConsentRecord>().Select(c => c.Id).ToListAsync());
        Assert.Equal([s.NewRecord], await db.Set<ProvisionRecord>().Select(r => r.Id).ToListAsync());
        Assert.False(await db.Set<ProvisionReceipt>().AnyAsync());
        Assert.Equal([s.NewRelease], await db.Set<ReleasedData>().Select(d => d.ReleaseId).ToListAsync());
        Assert.False(await db.Set<ProcessingMethod>().AnyAsync());
        Assert.Equal(2, await db.Set<AnonymizedRelease>().CountAsync());
        Assert.Equal([s.NewSession], await db.Set<StaffSession>().Select(x => x.Id).ToListAsync());

        var expected = new[] { "persons", "request-forms", "identity-documents", "inquiries", "cookie-choices", "consent-lines", "provision-records", "releases", "sessions" };
        var records = await h.Run.RecordsAsync(50);
        Assert.Equal(expected.Order(), records.Select(r => r.Kind).Order());
        Assert.All(records, r => Assert.Equal((1, "system", report.RunId, h.Now), (r.Count, r.By, r.RunId, r.At)));
        Assert.Equal("3 years", records.Single(r => r.Kind == "persons").Keep);
        Assert.Equal(9, report.Total);
        var verification = await h.Verifier.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_dry_run_reports_the_same_counts_and_changes_nothing(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);
        await SeedAsync(h);
        var before = await SnapshotAsync(h);

        var report = await h.Run.RunAsync(Actor.System, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(before, await SnapshotAsync(h));
        Assert.Equal(1, report.Lines.Single(l => l.Rule.Kind == RecordKind.Persons && l.Rule.PolicyId == "leverages-career-mexico").Count);
        Assert.Equal(9, report.Total);
        Assert.Equal(9, (await h.Run.RunAsync(Actor.System, dryRun: false)).Total);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_second_run_finds_nothing_and_writes_no_record(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);
        await SeedAsync(h);
        await h.Run.RunAsync(Actor.System, dryRun: false);
        var records = (await h.Run.RecordsAsync(50)).Count;

        var again = await h.Run.RunAsync(Actor.System, dryRun: false);

        Assert.Equal(0, again.Total);
        Assert.Equal(records, (await h.Run.RecordsAsync(50)).Count);
        Assert.True((await h.Verifier.VerifyAsync()).Intact);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_disposed_person_is_unreadable_through_the_gate_and_their_key_and_indexes_are_gone(string provider)
    {
        await using var h = await RetentionHarness.CreateAsync(provider, Start);
        var s = await SeedAsync(h);
        Assert.True((await h.Get<PersonGate>().ReadAsync(Actor.System, s.OldPerson, "service.apply")).Succeeded);

        await h.Run.RunAsync(Actor.System, dryRun: false);

        var read = await h.Get<PersonGate>().ReadAsync(Actor.System, s.OldPerson, "service.apply");
        Assert.Equal("person.erased", read.Failure?.Code);
        await using var db = await h.DbAsync();
        Assert.False(await db.Set<PersonKey>().AnyAsync(k => k.PersonId == s.OldPerson || k.PersonId == s.OldInquiryPerson));
        Assert.False(await db.Set<BlindIndex>().AnyAsync(b => b.PersonId == s.OldPerson));
        Assert.Null((await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == s.OldPerson)).Sealed);
        var erasure = await db.Set<Custodian.Audit.AuditEvent>().SingleAsync(e => e.PersonId == s.OldPerson && e.Type == Custodian.Audit.AuditEventType.PersonErased);
        Assert.Equal(("system", "retention.persons"), (erasure.Actor, erasure.Reason));
        Assert.True((await h.Get<PersonGate>().ReadAsync(Actor.System, s.ActivePerson, "service.apply")).Succeeded);
    }

    [Fact]
    public async Task Persons_are_erased_in_batches_each_with_its_events_and_counted_into_one_record()
    {
        await using var h = await RetentionHarness.CreateAsync("sqlite", Start, batchSize: 100);
        for (var i = 0; i < 250; i++)
        {
            await h.RegisterAsync();
        }

        h.Advance(TimeSpan.FromDays(3 * 366));
        var report = await h.Run.RunAsync(Actor.System, dryRun: false);

        Assert.Equal(250, report.Lines.Single(l => l.Rule.Kind == RecordKind.Persons && l.Rule.PolicyId == "leverages-career-mexico").Count);
        Assert.Equal(250, (await h.Run.RecordsAsync(10)).Single(r => r.Kind == "persons").Count);
        await using var db = await h.DbAsync();
        Assert.Equal(3, await db.Set<Custodian.Audit.AuditEvent>().CountAsync(e => e.Type == Custodian.Audit.AuditEventType.RecordsDisposed));
        Assert.Equal(0, await db.Set<PersonKey>().CountAsync());
    }

    private static async Task<string> SnapshotAsync(RetentionHarness h)
    {
        await using var db = await h.DbAsync();
        var parts = new object[]
        {
            await db.Set<Person>().CountAsync(p => p.State == PersonState.Erased), await db.Set<PersonKey>().CountAsync(), await db.Set<Inquiry>().CountAsync(),
            await db.Set<DataRequest>().CountAsync(r => r.SealedForm != null), await db.Set<RequestDocument>().CountAsync(d => d.Sealed != null),
            await db.Set<CookieChoice>().CountAsync(), await db.Set<ConsentRecord>().CountAsync(), await db.Set<ProvisionRecord>().CountAsync(),
            await db.Set<ReleasedData>().CountAsync(), await db.Set<StaffSession>().CountAsync(), await db.Set<Custodian.Audit.AuditEvent>().CountAsync(),
            await db.Set<DisposalRecord>().CountAsync(),
        };
        return string.Join(",", parts);
    }
}
