using Custodian.Audit;
using Custodian.Cli.Provision;
using Custodian.Provision;
using Custodian.Storage;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Provision;

public sealed class ProvisionRecordsCommandTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Records_of_a_company_in_a_period_are_printed_as_csv_and_the_export_is_audited()
    {
        var company = Guid.NewGuid();
        var person = Guid.NewGuid();
        await using (var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.AddRange(Record(person, company, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), Record(person, company, new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var services = Services();
        var output = new StringWriter();

        var code = await ProvisionCommands.WriteAsync(services, null, company, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("2026-03-01T00:00:00Z", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"name,email\"", lines[1], StringComparison.Ordinal);
        await using var check = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.True(await check.Set<AuditEvent>().AnyAsync(e => e.Type == AuditEventType.ProvisionRecordsExported, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Period_that_ends_before_it_starts_fails_and_prints_no_records()
    {
        await using var services = Services();
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await ProvisionCommands.WriteAsync(services, Guid.NewGuid(), null, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1), output, error, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Empty(output.ToString());
        Assert.StartsWith("records.period", error.ToString(), StringComparison.Ordinal);
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton(_database.Factory)
        .AddSingleton<TimeProvider>(new FakeTime())
        .AddSingleton<AuditLog>()
        .BuildServiceProvider();

    private static ProvisionRecord Record(Guid person, Guid company, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(at)),
        PersonId = person,
        RecipientKind = RecipientKinds.ClientCompany,
        CompanyId = company,
        Items = "name,email",
        Method = "api",
        ConsentRecordId = Guid.NewGuid(),
        RequestedBy = "staff:x",
        PolicyId = "leverages-career-mexico",
        PolicyVersion = "2023-06-09",
        ProvidedAt = at,
        KeepUntil = ProvisionRecords.KeepUntil(at),
    };

    public void Dispose() => _database.Dispose();
}
