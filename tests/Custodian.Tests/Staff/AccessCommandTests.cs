using Custodian.Audit;
using Custodian.Cli;
using Custodian.Gate;
using Custodian.Staff;
using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Staff;

public sealed class AccessCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-access-cli-").FullName;

    /// <summary>A department with one member who read one person today, written through the command line's own services.</summary>
    private async Task<(Guid Staff, Guid Person)> SeedAsync()
    {
        await using var host = await CliHost.OpenAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data });
        var sp = host.Services;
        var account = (await sp.GetRequiredService<StaffAccounts>().CreateAsync(Actor.System, "reader.one", "correct horse battery", "recruiter")).Value!;
        var department = (await sp.GetRequiredService<SafeManagement>().CreateDepartmentAsync(Actor.System, "Placement", account.Id)).Value!;
        Assert.Null(await sp.GetRequiredService<SafeManagement>().AssignDepartmentAsync(Actor.System, account.Id, department.Id));
        var person = await HeldPersons.CreateAsync(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Custodian.Storage.CustodianDb>>());
        await sp.GetRequiredService<AuditLog>().RecordAsync(new AuditEntry(AuditEventType.PersonRead, "staff:" + account.Id, PersonId: person, Purpose: "service.apply"));
        return (account.Id, person);
    }

    private static string Today(int days = 0) => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Access_review_prints_reads_per_staff_member_by_id_and_name()
    {
        var (staff, _) = await SeedAsync();

        var (exit, output, error) = await CustodianCli.RunAsync("access", "review", "--from", Today(-1), "--to", Today(1), "--department", "Placement", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains($"staff:{staff} reader.one  1  1", output, StringComparison.Ordinal);
        Assert.Contains("Not signed off.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_review_as_csv_has_one_row_per_finding_with_person_ids_only()
    {
        var (staff, person) = await SeedAsync();

        var (exit, output, error) = await CustodianCli.RunAsync("access", "review", "--from", Today(-1), "--to", Today(1), "--format", "csv", "--data", _data);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("section,staff_id,user_name,person_id,from,to,count,event,reason", lines[0]);
        Assert.Contains($"reads,{staff},reader.one,,,,1,,", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("widely-viewed", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Contains(person.ToString(), StringComparison.Ordinal)), l => Assert.StartsWith("outside-hours", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-01", null, "--from:", "access-review.period-order")]
    [InlineData("2026-11-31", "2026-12-01", null, "--from:", "date.format")]
    [InlineData("2026-11-01", "2026-11-30", "Nowhere", "--department:", "staff.department-unknown")]
    public async Task Bad_input_exits_2_naming_the_option_and_the_rule(string from, string to, string? department, string option, string rule)
    {
        string[] args = ["access", "review", "--from", from, "--to", to, "--data", _data];
        var (exit, output, error) = await CustodianCli.RunAsync(department is null ? args : [.. args, "--department", department]);

        Assert.Equal(2, exit);
        Assert.StartsWith(option, error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var (exit, _, _) = await CustodianCli.RunAsync("access", "review", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xml", "--data", _data);
        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
