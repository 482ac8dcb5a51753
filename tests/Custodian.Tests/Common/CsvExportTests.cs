using Custodian.Common;
using Custodian.Consent;
using Custodian.Policy;

namespace Custodian.Tests.Common;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://example.test\")", "\"'=HYPERLINK(\"\"http://example.test\"\")\"")]
    [InlineData("+81 90 1234 5678", "\"'+81 90 1234 5678\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string value, string written) =>
        Assert.Equal(written, Write(value));

    [Theory]
    [InlineData("Hanako Yamada")]
    [InlineData("a=b")]
    [InlineData("")]
    public void Other_cells_are_written_as_they_are(string value) => Assert.Equal(value, Write(value));

    [Fact]
    public async Task A_campaign_export_does_not_carry_a_candidates_formula()
    {
        var purpose = new PurposeOfUse
        {
            Id = "marketing.mail", Label = "1f", Items = ["name", "email"], RequiredItems = [], RequiresConsent = true,
            Description = new LocalizedText(new Dictionary<string, string> { ["en"] = "Mail" }),
        };
        var person = Guid.CreateVersion7();
        using var output = new StringWriter();

        await CampaignCsv.WriteAsync(purpose, [new CampaignContact(person, new Dictionary<string, string> { ["name"] = "=cmd|' /C calc'!A0" })], output, CancellationToken.None);

        var lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["person_id,name,email", $"{person},\"'=cmd|' /C calc'!A0\","], lines);
    }

    private static string Write(string value)
    {
        using var output = new StringWriter();
        using (var csv = CsvExport.Open(output))
        {
            csv.WriteField(value);
        }

        return output.ToString();
    }
}
