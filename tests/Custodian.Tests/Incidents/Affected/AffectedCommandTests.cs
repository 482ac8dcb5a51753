using Custodian.Audit;
using Custodian.Cli.Incidents;
using Custodian.Staff;
using Custodian.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Incidents.Affected;

/// <summary><c>custodian incidents affected</c>: CSV with a header, and one clear line with exit 2 for bad input.</summary>
public sealed class AffectedCommandTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly Guid _staff = Guid.NewGuid();
    private readonly Guid _person = Guid.NewGuid();

    [Fact]
    public async Task A_staff_members_reads_in_the_window_are_printed_as_csv_with_a_header_and_the_listing_is_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = await ServicesAsync();
        var output = new StringWriter();

        var code = await AffectedCommand.RunAsync(services, $"staff:{_staff}", "2026-11-01", "2026-12-01", null, output, TextWriter.Null, ct);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["person_id,items,first_at,last_at,events", $"{_person},\"email,name\",2026-11-22T09:00:00Z,2026-11-22T09:00:00Z,2"], lines);
        await using var db = await _database.Factory.CreateDbContextAsync(ct);
        var listed = await db.Set<AuditEvent>().SingleAsync(e => e.Type == AuditEventType.IncidentAffectedListed, ct);
        Assert.Equal(($"staff:{_staff}", "persons:1", null), (listed.Subject, listed.Reason, listed.PersonId));
    }

    [Fact]
    public async Task The_list_goes_to_the_output_file_when_one_is_given()
    {
        await using var services = await ServicesAsync();
        var file = new FileInfo(Path.Combine(_database.Directory, "affected.csv"));

        var code = await AffectedCommand.RunAsync(services, $"staff:{_staff}", "2026-11-01", "2026-12-01", file, TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.StartsWith("person_id,items,first_at,last_at,events", await File.ReadAllTextAsync(file.FullName, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staff:{0}", "2026-12-01", "2026-11-01", "--to: The window's end (to) must be after its start (from). (window.order)")]
    [InlineData("staff:{0}", "2026-11-01", "2026-11-01", "--to: The window's end (to) must be after its start (from). (window.order)")]
    [InlineData("staff:{0}", "1 Nov 2026", "2026-12-01", "--from: from is not an ISO 8601 date or instant (e.g. 2026-11-01 or 2026-11-01T09:00:00+09:00). (window.format)")]
    [InlineData("staff:{0}", "2026-11-01", "2026-13-01", "--to: to is not an ISO 8601 date or instant (e.g. 2026-11-01 or 2026-11-01T09:00:00+09:00). (window.format)")]
    [InlineData("staff:00000000-0000-0000-0000-000000000001", "2026-11-01", "2026-12-01", "--actor: No staff account, token, consignee or client company has this id. (actor.unknown)")]
    [InlineData("company:{0}", "2026-11-01", "2026-12-01", "--actor: No staff account, token, consignee or client company has this id. (actor.unknown)")]
    [InlineData("robot:{0}", "2026-11-01", "2026-12-01", "--actor: The actor is staff:ID, token:ID, consignee:ID or company:ID, with the account's, token's, consignee's or company's id. (actor.format)")]
    [InlineData("alice", "2026-11-01", "2026-12-01", "--actor: The actor is staff:ID, token:ID, consignee:ID or company:ID, with the account's, token's, consignee's or company's id. (actor.format)")]
    public async Task Bad_input_exits_2_with_one_line_and_prints_no_list(string actor, string from, string to, string message)
    {
        await using var services = await ServicesAsync();
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await AffectedCommand.RunAsync(services, string.Format(System.Globalization.CultureInfo.InvariantCulture, actor, _staff), from, to, null, output, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Empty(output.ToString());
        Assert.Equal(message, error.ToString().TrimEnd('\r', '\n'));
    }

    private async Task<ServiceProvider> ServicesAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            db.Add(new StaffAccount { Id = _staff, UserName = "reader", Role = "recruiter" });
            db.Add(new Custodian.Vault.PersonKey { PersonId = _person, KeyId = "k", Wrapped = [1] });
            await db.SaveChangesAsync(ct);
        }

        var services = new ServiceCollection().AddSingleton(_database.Factory).AddSingleton<TimeProvider>(new FakeTime()).AddSingleton<AuditLog>()
            .AddSingleton(Custodian.Storage.ReportingDatabase.Primary(_database.Factory)).BuildServiceProvider();
        await using (var db = await _database.Factory.CreateDbContextAsync(ct))
        {
            var actor = $"staff:{_staff}";
            await services.GetRequiredService<AuditLog>().CommitAsync(db,
            [
                new(AuditEventType.PersonRead, actor, PersonId: _person, Purpose: "service.apply", Items: "name"),
                new(AuditEventType.PersonExported, actor, PersonId: _person, Purpose: "service.apply", Items: "email,name"),
                new(AuditEventType.PersonRead, actor, AuditOutcome.Refused, _person, "service.apply", Reason: "purpose.unknown"),
                new(AuditEventType.PersonCorrected, actor, PersonId: _person, Items: "telephone"),
            ], ct);
        }

        return services;
    }

    public void Dispose() => _database.Dispose();
}
