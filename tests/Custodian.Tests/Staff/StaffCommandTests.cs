using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Staff;

public sealed class StaffCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "custodian-cli-" + Guid.NewGuid().ToString("N"));

    private Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => CustodianCli.RunAsync([.. args, "--data", _folder]);

    [Fact]
    public async Task Staff_add_prints_the_initial_password_once_and_list_shows_the_account()
    {
        var (exit, output, error) = await RunAsync("staff", "add", "--user", "new.recruiter", "--role", "recruiter");

        Assert.True(exit == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.True(lines[1].Trim().Length >= 12);
        var listed = (await RunAsync("staff", "list")).Output;
        Assert.Contains("  new.recruiter  recruiter  -  active  not-enrolled  -", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(lines[1].Trim(), listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("staff", "add", "--user", "someone", "--role", "superuser");

        Assert.Equal(2, exit);
        Assert.Contains("superuser", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_deactivate_and_reactivate_change_the_account_and_exit_0()
    {
        await RunAsync("staff", "add", "--user", "admin.one", "--role", "administrator");
        await RunAsync("staff", "add", "--user", "mover", "--role", "recruiter");

        Assert.Equal(0, (await RunAsync("staff", "role", "--user", "mover", "--role", "request-handler")).Exit);
        Assert.Equal(0, (await RunAsync("staff", "deactivate", "--user", "mover")).Exit);
        Assert.Contains("  mover  request-handler  -  deactivated", (await RunAsync("staff", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("staff", "reactivate", "--user", "mover")).Exit);
        Assert.Contains("  mover  request-handler  -  active", (await RunAsync("staff", "list")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deactivate", "admin.one", "staff.last-administrator")]
    [InlineData("deactivate", "nobody", "staff.unknown")]
    [InlineData("reactivate", "admin.one", "staff.active")]
    public async Task A_refused_change_exits_1_naming_the_rule(string command, string user, string rule)
    {
        await RunAsync("staff", "add", "--user", "admin.one", "--role", "administrator");

        var (exit, output, error) = await RunAsync("staff", command, "--user", user);

        Assert.Equal(1, exit);
        Assert.StartsWith("--user:", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_duplicate_user_name_or_unknown_department_exits_1_and_adds_nothing()
    {
        await RunAsync("staff", "add", "--user", "taken", "--role", "recruiter");

        var duplicate = await RunAsync("staff", "add", "--user", "taken", "--role", "recruiter");
        var department = await RunAsync("staff", "add", "--user", "other", "--role", "recruiter", "--department", "Nowhere");

        Assert.Equal((1, 1), (duplicate.Exit, department.Exit));
        Assert.Contains("staff.user-name-taken", duplicate.Error, StringComparison.Ordinal);
        Assert.Contains("staff.department-unknown", department.Error, StringComparison.Ordinal);
        Assert.Single((await RunAsync("staff", "list")).Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Joint_user_names_the_member_of_a_policy_and_refuses_one_no_policy_names_on_the_member_option()
    {
        await RunAsync("staff", "add", "--user", "mx.staff", "--role", "joint-user");

        var set = await RunAsync("staff", "joint-user", "--user", "mx.staff", "--member", "leverages-career-mexico");
        var refused = await RunAsync("staff", "joint-user", "--user", "mx.staff", "--member", "nowhere-ltd");
        var cleared = await RunAsync("staff", "joint-user", "--user", "mx.staff");

        Assert.True(set.Exit == 0, set.Error);
        Assert.Contains("leverages-career-mexico", set.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.Exit);
        Assert.StartsWith("--member:", refused.Error, StringComparison.Ordinal);
        Assert.Contains("staff.joint-user-unknown", refused.Error, StringComparison.Ordinal);
        Assert.True(cleared.Exit == 0, cleared.Error);
        Assert.Contains("operator's own staff", cleared.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
