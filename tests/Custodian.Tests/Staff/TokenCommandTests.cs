using Custodian.Cli.Staff;
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

        var exit = await TokenCommand.CreateAsync("crm-sync", [], output, error, Configuration, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Single(output.ToString().Split('\n'), line => line.StartsWith("cst_", StringComparison.Ordinal));
        Assert.Equal("", error.ToString());
    }

    [Theory]
    [InlineData("", new string[0], "token.name")]
    [InlineData("crm-sync", new[] { "selling-lists" }, "purpose.unknown")]
    public async Task Token_create_refuses_bad_input_with_the_rule_on_standard_error(string name, string[] purposes, string code)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await TokenCommand.CreateAsync(name, purposes, output, error, Configuration, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.StartsWith(code + ":", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cst_", output.ToString(), StringComparison.Ordinal);
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
