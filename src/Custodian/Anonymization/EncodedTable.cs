using System.Runtime.InteropServices;
using Custodian.Common;

namespace Custodian.Anonymization;

/// <summary>
/// A table read from delimited text with every column dictionary-encoded: each distinct string is stored once,
/// so a million rows cost a few int arrays instead of millions of strings.
/// </summary>
public sealed class EncodedTable
{
    internal EncodedTable(string[] header, int[][] codes, string[][] values, int rows)
    {
        Header = header;
        Codes = codes;
        Values = values;
        RowCount = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public int RowCount { get; }

    /// <summary>Per column, per row: the index of the row's value in <see cref="Values"/>.</summary>
    internal int[][] Codes { get; }

    /// <summary>Per column, the distinct values in order of first appearance.</summary>
    internal string[][] Values { get; }

    public int ColumnIndex(string name) => Array.IndexOf((string[])Header, name);

    public string Value(int row, int column) => Values[column][Codes[column][row]];

    public static Result<EncodedTable> ReadFile(string path, char delimiter)
    {
        using var reader = new StreamReader(path);
        return Read(reader, delimiter, Path.GetFileName(path));
    }

    public static Result<EncodedTable> Read(TextReader reader, char delimiter, string name = "input")
    {
        var headerLine = reader.ReadLine();
        var fields = new List<string>();
        if (headerLine is null || !DelimitedText.Split(headerLine, delimiter, fields))
            return Failure.Invalid("input", "csv.header", $"{name}: the header line is missing or malformed.");
        var header = fields.ToArray();
        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length)
            return Failure.Invalid("input", "csv.header", $"{name}: the header repeats a column name.");

        var width = header.Length;
        var lookups = new Dictionary<string, int>[width];
        var values = new List<string>[width];
        var codes = new int[width][];
        for (var c = 0; c < width; c++)
        {
            lookups[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            values[c] = [];
            codes[c] = new int[1024];
        }

        var rows = 0;
        var lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (rows == codes[0].Length)
                for (var c = 0; c < width; c++) Array.Resize(ref codes[c], rows * 2);
            var ok = line.Contains('"', StringComparison.Ordinal)
                ? EncodeQuoted(line, delimiter, fields, lookups, values, codes, rows)
                : EncodePlain(line, delimiter, lookups, values, codes, rows);
            if (!ok)
                return Failure.Invalid("input", "csv.ragged",
                    $"{name}: line {lineNumber} does not have the header's {width} fields (check the delimiter and quotes).");
            rows++;
        }
        for (var c = 0; c < width; c++) Array.Resize(ref codes[c], rows);
        return new EncodedTable(header, codes, [.. values.Select(v => v.ToArray())], rows);
    }

    private static bool EncodePlain(string line, char delimiter, Dictionary<string, int>[] lookups,
        List<string>[] values, int[][] codes, int row)
    {
        var span = line.AsSpan();
        var column = 0;
        while (true)
        {
            var at = span.IndexOf(delimiter);
            var field = at < 0 ? span : span[..at];
            if (column >= lookups.Length) return false;
            codes[column][row] = Intern(lookups[column], values[column], field);
            column++;
            if (at < 0) break;
            span = span[(at + 1)..];
        }
        return column == lookups.Length;
    }

    private static bool EncodeQuoted(string line, char delimiter, List<string> fields, Dictionary<string, int>[] lookups,
        List<string>[] values, int[][] codes, int row)
    {
        if (!DelimitedText.Split(line, delimiter, fields) || fields.Count != lookups.Length) return false;
        for (var c = 0; c < fields.Count; c++) codes[c][row] = Intern(lookups[c], values[c], fields[c]);
        return true;
    }

    private static int Intern(Dictionary<string, int> lookup, List<string> values, ReadOnlySpan<char> field)
    {
        var alternate = lookup.GetAlternateLookup<ReadOnlySpan<char>>();
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(alternate, field, out var exists);
        if (!exists)
        {
            slot = values.Count;
            values.Add(field.ToString());
        }
        return slot;
    }
}
