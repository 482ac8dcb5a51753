using System.CommandLine;
using Custodian.Cli.Policy;

namespace Custodian.Tests.Policy;

public sealed class PolicyCheckCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custodian-policy-check-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(PolicyCommands.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_valid_file_prints_ok_with_its_id_version_and_counts()
    {
        var path = Write("good.yaml", PolicyYaml.Valid);

        var (exit, output, error) = Run("policy", "check", path);

        Assert.Equal(0, exit);
        Assert.Equal($"{path}: ok (policy test version 1, 1 purposes, 1 items)", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void The_real_policies_pass()
    {
        var (exit, output, _) = Run(["policy", "check", .. Directory.GetFiles(PolicyFilesTests.Folder, "*.yaml")]);

        Assert.Equal(0, exit);
        Assert.Contains("ok (policy leverages-career-mexico version 2023-06-09, 9 purposes, 10 items)", output, StringComparison.Ordinal);
        Assert.Contains("ok (policy leverages-group version 2023-06-09, 4 purposes, 11 items)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_policies_list_each_value_the_operator_set_at_its_file_line_and_column()
    {
        var mexico = Path.Combine(PolicyFilesTests.Folder, "leverages-career-mexico.yaml");
        var lines = File.ReadAllLines(mexico);
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var (exit, output, _) = Run("policy", "check", mexico);

        Assert.Equal(0, exit);
        var methods = LineOf("e-mail, api]");
        var column = lines[methods - 1].IndexOf('[', StringComparison.Ordinal) + 2 + "document, telephone, fax, electronic-media, e-mail, ".Length;
        Assert.Contains($"{mexico}:{methods}:{column}: operator-set: recipients.client-companies.methods[api] = api", output, StringComparison.Ordinal);
        Assert.Contains($"{mexico}:{LineOf("version: \"")}:10: operator-set: version = 2023-06-09", output, StringComparison.Ordinal);
        Assert.Contains($"{mexico}:{LineOf("opt-out-url: https://www.criteo.com/")}:20: operator-set: recipients.advertising-partners[criteo].opt-out-url = https://", output, StringComparison.Ordinal);
        Assert.Contains(": operator-set: purposes[service.apply].required = [name, date-of-birth, telephone, email]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_text_and_the_structured_data_that_disagree_fail_both_ways_at_file_line_column()
    {
        // The text names an item the data lacks, and leaves out the purpose the data has.
        var text = Write("en.md", "# Notice\nWe use your [name](item:name) and your [age](item:age).\n");
        var policy = Write("policy.yaml", PolicyYaml.Valid + "texts:\n  en: { file: en.md, status: approved }\n");

        var (exit, _, error) = Run("policy", "check", policy);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{policy}:19:9: not-in-text: purpose 'service.apply' is not named in the approved 'en' text", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{text}:2:40: unknown-in-text: the 'en' text names item 'age'", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_prints_each_error_line_and_fails_while_the_good_one_is_still_checked()
    {
        var bad = Write("bad.yaml", PolicyYaml.WithLine(15, "    category: identiy").Replace("[service.apply]", "[service.aply]", StringComparison.Ordinal));
        var good = Write("good.yaml", PolicyYaml.Valid);

        var (exit, output, error) = Run("policy", "check", bad, good);

        Assert.Equal(1, exit);
        Assert.Contains($"{good}: ok", output, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{bad}:15:15: unknown-category: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{bad}:27:16: unknown-purpose: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_with_a_clear_message()
    {
        var (exit, _, error) = Run("policy", "check", Path.Combine(folder, "absent.yaml"));

        Assert.Equal(1, exit);
        Assert.Contains("unreadable-file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_file_is_a_usage_error()
    {
        var (exit, _, error) = Run("policy", "check");

        Assert.NotEqual(0, exit);
        Assert.Contains("Required argument missing", error, StringComparison.Ordinal);
    }
}
