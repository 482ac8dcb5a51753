using Custodian.Cli.Staff;
using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Staff;

public sealed class TokenCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "custodian-cli-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string?> Configuration => new() { ["Storage:DataDirectory"] = _folder };

    [Fact]
    public async Task Token_create_prints_the_secret_once_on_standard_output()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TokenCommand.CreateAsync("crm-sync", ["persons.read"], [], output, error, Configuration, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Single(output.ToString().Split('\n'), line => line.StartsWith("cst_", StringComparison.Ordinal));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task A_joint_users_token_names_a_member_of_a_policy_and_one_no_policy_names_is_refused_on_the_joint_user_option()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var refused = await TokenCommand.CreateAsync("mx-sync", ["persons.read"], [], output, error, Configuration, "nowhere-ltd", TestContext.Current.CancellationToken);
        var made = await TokenCommand.CreateAsync("mx-sync", ["persons.read"], [], output, error, Configuration, "leverages-career-mexico", TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (refused, made));
        Assert.StartsWith("--joint-user:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("(staff.joint-user-unknown)", error.ToString(), StringComparison.Ordinal);
        Assert.Single(output.ToString().Split('\n'), line => line.StartsWith("cst_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_joint_user_names_a_member_of_a_policy_and_refuses_an_unknown_one_or_token_naming_the_option()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await TokenCommand.CreateAsync("mx-later", ["persons.read"], [], output, error, Configuration, TestContext.Current.CancellationToken));
        var id = System.Text.RegularExpressions.Regex.Match(output.ToString(), "Created token ([0-9a-f-]{36})").Groups[1].Value;

        var refused = await TokenCommand.JointUserAsync(id, "nowhere-ltd", output, error, Configuration, TestContext.Current.CancellationToken);
        var unknown = await TokenCommand.JointUserAsync(Guid.NewGuid().ToString(), "leverages-career-mexico", output, error, Configuration, TestContext.Current.CancellationToken);
        var set = await TokenCommand.JointUserAsync(id, "leverages-career-mexico", output, error, Configuration, TestContext.Current.CancellationToken);

        Assert.Equal((1, 1, 0), (refused, unknown, set));
        var errors = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("--member:", errors[0], StringComparison.Ordinal);
        Assert.Contains("(staff.joint-user-unknown)", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("--id:", errors[1], StringComparison.Ordinal);
        Assert.Contains($"Token {id} now acts for joint user leverages-career-mexico.", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", new[] { "persons.read" }, new string[0], "--name", "token.name")]
    [InlineData("crm-sync", new[] { "persons.read" }, new[] { "selling-lists" }, "--purpose", "purpose.unknown")]
    [InlineData("crm-sync", new string[0], new string[0], "--permission", "permission.required")]
    [InlineData("crm-sync", new[] { "persons.everything" }, new string[0], "--permission", "permission.unknown")]
    [InlineData("crm-sync", new[] { "staff.manage" }, new string[0], "--permission", "permission.realm")]
    public async Task Token_create_refuses_bad_input_naming_the_option_and_the_rule(string name, string[] permissions, string[] purposes, string option, string code)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TokenCommand.CreateAsync(name, permissions, purposes, output, error, Configuration, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.StartsWith(option + ":", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"({code})", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cst_", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_listed_as_revoked_and_cannot_be_revoked_twice()
    {
        var (_, created, _) = await CustodianCli.RunAsync("token", "create", "--name", "crm-sync", "--permission", "persons.read", "--permission", "persons.search", "--data", _folder);
        var id = created.Split('\n')[0].Split(' ')[2].TrimEnd('.');
        var (_, listed, _) = await CustodianCli.RunAsync("token", "list", "--data", _folder);
        Assert.Contains($"{id}  ", listed, StringComparison.Ordinal);
        Assert.Contains("  active  crm-sync  persons.read,persons.search  *", listed, StringComparison.Ordinal);

        var (exit, revoked, error) = await CustodianCli.RunAsync("token", "revoke", "--id", id, "--data", _folder);

        Assert.True(exit == 0, error);
        Assert.Equal($"Revoked token {id}.", revoked.Trim());
        Assert.DoesNotContain("active", (await CustodianCli.RunAsync("token", "list", "--data", _folder)).Output, StringComparison.Ordinal);
        var again = await CustodianCli.RunAsync("token", "revoke", "--id", id, "--data", _folder);
        Assert.Equal(1, again.Exit);
        Assert.Contains("token.revoked", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-id", "token.id")]
    [InlineData("0195c0de-0000-7000-8000-000000000000", "token.unknown")]
    public async Task Revoking_a_bad_or_unknown_id_exits_1_naming_the_rule(string id, string rule)
    {
        var (exit, output, error) = await CustodianCli.RunAsync("token", "revoke", "--id", id, "--data", _folder);

        Assert.Equal(1, exit);
        Assert.StartsWith("--id:", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
        Assert.Equal("", output);
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
