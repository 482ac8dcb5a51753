using System.Text;
using Custodian.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Custodian.Tests.Vault;

/// <summary>
/// Files as operators have them: another encoding, a byte-order mark, CRLF, quoted newlines, columns the policy does
/// not know, a wrong mapping. Each gets a message naming the line, and a refused file writes nothing.
/// </summary>
public sealed class ImportCommandBadInputTests : IDisposable
{
    private const string Header = "name,email,telephone,date-of-birth";
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-import-").FullName;

    private string File(string extension, byte[] content)
    {
        var path = Path.Combine(_data, "persons" + extension);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private string Csv(string text) => File(".csv", Encoding.UTF8.GetBytes(text));

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "custodian.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private void AssertNothingWritten()
    {
        Assert.Equal(0, Count("vault_persons"));
        Assert.Equal(0, Count("vault_blind_indexes"));
        Assert.Equal(0, Count("audit_events"));
    }

    [Fact]
    public async Task A_file_in_another_encoding_names_the_line_and_field_and_writes_nothing()
    {
        // "Pérez" in Latin-1: 0xE9 is not UTF-8.
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\nLuis Pérez,luis@example.com,+52 442 555 0102,1985-01-20\n");
        var csv = File(".csv", latin1);

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:3: items.name: encoding.utf8", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_byte_order_mark_and_crlf_line_ends_are_accepted()
    {
        var text = $"{Header}\r\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\r\nLuis Pérez,luis@example.com,+52 442 555 0102,1985-01-20\r\n";
        var csv = File(".csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2 persons", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_utf16_file_without_a_byte_order_mark_is_named_on_line_one_once_and_nothing_is_written()
    {
        var csv = File(".csv", Encoding.Unicode.GetBytes($"{Header}\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\n"));

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:1: header: encoding.utf8", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n'), l => l.Contains("encoding.utf8", StringComparison.Ordinal));
        Assert.DoesNotContain("\0", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task With_a_byte_order_mark_and_crlf_line_ends_a_bad_row_is_named_at_its_own_line()
    {
        var text = $"{Header}\r\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\r\nLuis Pérez,not-an-email,+52 442 555 0102,1985-01-20\r\n";
        var csv = File(".csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:3: items.email: item.email", error, StringComparison.Ordinal);
        Assert.DoesNotContain("column.unknown", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_quoted_newline_keeps_the_line_numbers_of_the_rows_after_it()
    {
        var csv = Csv($"{Header},address\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04,\"Calle 5\nQuerétaro\"\nLuis Pérez,not-an-email,+52 442 555 0102,1985-01-20,\n");

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:4: items.email: item.email", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Every_bad_row_is_reported_not_only_the_first()
    {
        var csv = Csv($"{Header}\nAna,bad-1,+52 442 555 0101,1990-05-04\nEva Ruiz,eva@example.com,+52 442 555 0103,1985-01-20\nLuis,bad-2,+52 442 555 0102,1985-01-20\nMar,mar@example.com,+52 442 555 0104\n");

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:2: items.email: item.email", error, StringComparison.Ordinal);
        Assert.Contains("persons.csv:4: items.email: item.email", error, StringComparison.Ordinal);
        Assert.Contains("persons.csv:5: row: csv.fields", error, StringComparison.Ordinal);
        Assert.Contains("3 row(s) break a rule; nothing was imported.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-1", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task An_unknown_column_is_named_on_line_one_and_nothing_is_written()
    {
        var csv = Csv($"{Header},shoe-size\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04,38\n");

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:1: shoe-size: column.unknown", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_mapping_to_an_item_the_policy_lacks_is_named_at_its_line_and_column_and_nothing_is_written()
    {
        var csv = Csv("Nombre,Correo,Teléfono,Nacimiento\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\n");
        var map = Path.Combine(_data, "columns.yaml");
        await System.IO.File.WriteAllTextAsync(map, "Nombre: name\nCorreo: e-mail\nTeléfono: telephone\nNacimiento: date-of-birth\n", TestContext.Current.CancellationToken);

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", csv, "--map", map, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("columns.yaml:2:9: 'e-mail' is not a data item of policy", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task A_mapping_renames_source_columns_and_an_empty_item_drops_one()
    {
        var csv = Csv("Nombre,Correo,Teléfono,Nacimiento,Interno\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04,x17\n");
        var map = Path.Combine(_data, "columns.yaml");
        await System.IO.File.WriteAllTextAsync(map, "Nombre: name\nCorreo: email\nTeléfono: telephone\nNacimiento: date-of-birth\nInterno:\n", TestContext.Current.CancellationToken);

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--map", map, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 1 persons", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_import_and_a_bad_line_is_named()
    {
        var good = File(".jsonl", Encoding.UTF8.GetBytes(
            "{\"name\":\"Ana Torres\",\"email\":\"ana@example.com\",\"telephone\":\"+52 442 555 0101\",\"date-of-birth\":\"1990-05-04\"}\n\n" +
            "{\"name\":\"Luis Pérez\",\"email\":\"luis@example.com\",\"telephone\":\"+52 442 555 0102\",\"date-of-birth\":\"1985-01-20\"}\n"));

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", good, "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("imported 2 persons", output, StringComparison.Ordinal);

        var bad = Path.Combine(_data, "bad.jsonl");
        await System.IO.File.WriteAllTextAsync(bad, "{\"name\":\"Eva Ruiz\",\"email\":\"eva@example.com\",\"telephone\":\"+52 442 555 0103\",\"date-of-birth\":\"1985-01-20\"}\n{\"name\": \"Mar\n", TestContext.Current.CancellationToken);
        var (badExit, _, badError) = await CustodianCli.RunAsync("import", "--input", bad, "--data", _data);

        Assert.Equal(1, badExit);
        Assert.Contains("bad.jsonl:2: row: json.invalid", badError, StringComparison.Ordinal);
        Assert.Equal(2, Count("vault_persons"));
    }

    [Fact]
    public async Task Json_lines_with_a_byte_order_mark_and_crlf_name_an_unknown_key_at_its_line_and_write_nothing()
    {
        var jsonl = File(".jsonl", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(
            "{\"name\":\"Ana Torres\",\"email\":\"ana@example.com\",\"telephone\":\"+52 442 555 0101\",\"date-of-birth\":\"1990-05-04\"}\r\n" +
            "{\"name\":\"Luis Pérez\",\"email\":\"luis@example.com\",\"telephone\":\"+52 442 555 0102\",\"date-of-birth\":\"1985-01-20\",\"shoe-size\":42}\r\n")]);

        var (exit, _, error) = await CustodianCli.RunAsync("import", "--input", jsonl, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.jsonl:2: shoe-size: column.unknown", error, StringComparison.Ordinal);
        Assert.DoesNotContain("persons.jsonl:1:", error, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Check_only_with_a_bad_row_fails_names_it_and_writes_nothing()
    {
        var csv = Csv($"{Header}\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\nLuis,bad-1,+52 442 555 0102,1985-01-20\n");

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--check-only", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("persons.csv:3: items.email: item.email", error, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", output, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public async Task Check_only_reports_and_writes_nothing()
    {
        var csv = Csv($"{Header}\nAna Torres,ana@example.com,+52 442 555 0101,1990-05-04\nAna T.,ANA@example.com,+52 442 555 0199,1990-05-04\n");

        var (exit, output, error) = await CustodianCli.RunAsync("import", "--input", csv, "--check-only", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains("persons.csv:3: email: duplicate", error, StringComparison.Ordinal);
        Assert.Contains("checked 2 rows: 1 would be imported, 1 skipped as duplicates; nothing was written", output, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
