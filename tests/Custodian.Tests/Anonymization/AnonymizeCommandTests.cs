using Custodian.Cli.Anonymization;
using Custodian.Tests.Support;

namespace Custodian.Tests.Anonymization;

/// <summary>The command on small files: bad input is a clear error, exit code 1 or 2, and nothing is written.</summary>
public sealed class AnonymizeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("anonymize-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Output => Path.Combine(_dir, "out.csv");
    private string Report => Path.Combine(_dir, "report.json");

    private void Files(string data, string sexHierarchy = "M;*\nF;*\n", string ageHierarchy = "30;30-39;*\n31;30-39;*\n45;40-49;*\n")
    {
        File.WriteAllText(Path.Combine(_dir, "in.csv"), data);
        Directory.CreateDirectory(Path.Combine(_dir, "h"));
        File.WriteAllText(Path.Combine(_dir, "h", "sex.csv"), sexHierarchy);
        File.WriteAllText(Path.Combine(_dir, "h", "data_hierarchy_age.csv"), ageHierarchy);
    }

    private const string GoodData = "sex;age;note\nM;30;a\nM;31;b\nF;45;c\nF;45;d\n";

    private int Run(string k = "2", string suppression = "0", string qis = "sex,age", string delimiter = ";")
    {
        var request = AnonymizeRequest.From(Path.Combine(_dir, "in.csv"), delimiter, Path.Combine(_dir, "h"), qis, k,
            suppression, "loss", null, "distinct", null, null, Output, Report);
        return request.Succeeded ? AnonymizeCommand.Run(request.Value!) : 2;
    }

    private void AssertNothingWritten()
    {
        Assert.False(File.Exists(Output));
        Assert.False(File.Exists(Report));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*"));
    }

    [Fact]
    public void Good_input_writes_a_k_anonymous_release_and_a_report()
    {
        Files(GoodData);
        Assert.Equal(0, Run());
        Assert.Equal(["sex;age;note", "M;30-39;a", "M;30-39;b", "F;40-49;c", "F;40-49;d"], File.ReadAllLines(Output));
        var report = File.ReadAllText(Report);
        Assert.Contains("\"transformation\"", report, StringComparison.Ordinal);
        Assert.Contains("\"suppressedRows\": 0", report, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_report_file_the_terminal_gets_a_readable_summary()
    {
        Files(GoodData);
        var request = AnonymizeRequest.From(Path.Combine(_dir, "in.csv"), ";", Path.Combine(_dir, "h"), "sex,age", "2", "0", "loss", null, "distinct", null, null, Output, Report).Value!;
        var terminal = new StringWriter();

        Assert.Equal(0, AnonymizeCommand.Run(request, terminal));

        var text = terminal.ToString();
        Assert.StartsWith("Anonymized 4 rows: k = 2, suppression limit 0.0 %", text, StringComparison.Ordinal);
        Assert.Contains("Classes:         2 (smallest 2)", text, StringComparison.Ordinal);
        Assert.Contains("Suppressed rows: 0 (0.0 %)", text, StringComparison.Ordinal);
        Assert.Contains("Cells fully generalised: 0 %", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_with_every_cell_generalised_is_called_useless_in_the_summary()
    {
        Files(GoodData);
        var request = AnonymizeRequest.From(Path.Combine(_dir, "in.csv"), ";", Path.Combine(_dir, "h"), "sex,age", "4", "0", "loss", null, "distinct", null, null, Output, Report).Value!;
        var terminal = new StringWriter();

        Assert.Equal(0, AnonymizeCommand.Run(request, terminal));

        Assert.Contains("Cells fully generalised: 100 % (sex, age)", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("Warning: This release would be useless", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Suppressed_rows_have_their_quasi_identifiers_starred_and_keep_other_columns()
    {
        Files("sex;age;note\nM;30;a\nM;30;b\nF;45;c\n");
        Assert.Equal(0, Run(suppression: "0.5"));
        Assert.Contains("*;*;c", File.ReadAllLines(Output));
    }

    [Fact]
    public void Hierarchy_missing_a_data_value_is_refused()
    {
        Files(GoodData, ageHierarchy: "30;30-39;*\n31;30-39;*\n");
        Assert.Equal(1, Run());
        AssertNothingWritten();
    }

    [Fact]
    public void Hierarchy_rows_of_different_depths_are_refused()
    {
        Files(GoodData, ageHierarchy: "30;30-39;*\n31;*\n45;40-49;*\n");
        Assert.Equal(1, Run());
        AssertNothingWritten();
    }

    [Fact]
    public void K_larger_than_the_row_count_is_refused()
    {
        Files(GoodData);
        Assert.Equal(1, Run(k: "5"));
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.5")]
    [InlineData("NaN")]
    public void Suppression_outside_zero_to_one_is_refused(string suppression)
    {
        Files(GoodData);
        Assert.Equal(1, Run(suppression: suppression));
        AssertNothingWritten();
    }

    [Fact]
    public void Quasi_identifier_that_is_not_a_column_is_refused()
    {
        Files(GoodData);
        Assert.Equal(1, Run(qis: "sex,height"));
        AssertNothingWritten();
    }

    [Fact]
    public void Ragged_rows_are_refused()
    {
        Files("sex;age;note\nM;30;a\nM;31\nF;45;c\n");
        Assert.Equal(1, Run());
        AssertNothingWritten();
    }

    [Fact]
    public void Wrong_delimiter_is_refused()
    {
        Files(GoodData.Replace(';', ','));
        Assert.Equal(1, Run());
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("two")]
    [InlineData("")]
    public void Unparseable_k_is_a_usage_error(string k)
    {
        Files(GoodData);
        Assert.Equal(2, Run(k: k));
        AssertNothingWritten();
    }

    [Fact]
    public void Multi_character_delimiter_is_a_usage_error()
    {
        Files(GoodData);
        Assert.Equal(2, Run(delimiter: ";;"));
        AssertNothingWritten();
    }

    // The command as an operator runs it: one line on stderr, exit 1, and neither output nor report left behind.
    private async Task AssertRefusedInOneLineAsync(string input, string output, string report, string expected)
    {
        var (exit, _, error) = await CustodianCli.RunAsync("anonymize", "--input", input, "--hierarchies", Path.Combine(_dir, "h"),
            "--quasi-identifiers", "sex,age", "--k", "2", "--output", output, "--report", report);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(report));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_missing_input_file_is_one_line_and_exit_1()
    {
        Files(GoodData);
        await AssertRefusedInOneLineAsync(Path.Combine(_dir, "no-such.csv"), Output, Report, "Input file");
    }

    [Fact]
    public async Task A_missing_output_folder_is_one_line_and_exit_1_with_no_report_written()
    {
        Files(GoodData);
        await AssertRefusedInOneLineAsync(Path.Combine(_dir, "in.csv"), Path.Combine(_dir, "no-such", "out.csv"), Report, "--output");
    }

    [Fact]
    public async Task A_missing_report_folder_is_one_line_and_exit_1_with_no_output_left_behind()
    {
        Files(GoodData);
        await AssertRefusedInOneLineAsync(Path.Combine(_dir, "in.csv"), Output, Path.Combine(_dir, "no-such", "report.json"), "--report");
    }
}
