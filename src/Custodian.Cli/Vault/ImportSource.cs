using System.Globalization;
using System.Text;
using System.Text.Json;
using Custodian.Policy;
using CsvHelper;
using CsvHelper.Configuration;

namespace Custodian.Cli.Vault;

/// <summary>A row of the source: its ordinal among the rows (0-based), the line it starts on, its items, and what is wrong with its shape.</summary>
internal sealed record SourceRow(int Ordinal, long Line, Dictionary<string, string?> Items, List<(string Field, string Rule)>? Problems);

/// <summary>
/// Reads a CSV or JSON-lines file one row at a time, so memory does not grow with the file. Columns are renamed by the
/// mapping, then must be items of the policy. The file is decoded as UTF-8 (a byte-order mark is accepted); invalid
/// bytes become U+FFFD and the row's field is reported, so every badly encoded line is named, not just the first.
/// A NUL character counts as badly encoded too: it is what UTF-16 without a byte-order mark looks like read as UTF-8.
/// </summary>
internal sealed class ImportSource : IDisposable
{
    private const char Replacement = '\uFFFD';
    private readonly FileStream _stream;
    private readonly StreamReader _reader;
    private readonly CsvParser? _csv;
    private string?[] _columns = [];
    private readonly ColumnMap _map;
    private readonly PrivacyPolicy _policy;
    private bool _badData;
    private long _lastLine;
    private int _ordinal;

    private ImportSource(string path, bool jsonLines, string delimiter, ColumnMap map, PrivacyPolicy policy)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _reader = new StreamReader(_stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        _map = map;
        _policy = policy;
        if (!jsonLines)
        {
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = delimiter,
                BadDataFound = _ => _badData = true,
            };
            _csv = new CsvParser(_reader, configuration);
        }
    }

    /// <summary>Bytes read so far and the file's size, for the progress of the first pass.</summary>
    public long Position => _stream.Position;

    public long Length => _stream.Length;

    /// <summary>Opens the file and reads its header: every problem of the header (line 1), or none.</summary>
    public static (ImportSource? Source, List<string> Problems) Open(string path, bool jsonLines, string delimiter, ColumnMap map, PrivacyPolicy policy)
    {
        var source = new ImportSource(path, jsonLines, delimiter, map, policy);
        var problems = jsonLines ? [] : source.ReadHeader();
        return (source, problems);
    }

    private List<string> ReadHeader()
    {
        var problems = new List<string>();
        if (!_csv!.Read())
        {
            problems.Add("1: header: csv.header: the file has no header row.");
            return problems;
        }

        _lastLine = _csv.RawRow;
        var header = _csv.Record!;
        _columns = new string?[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            var (item, problem) = Column(header[i]);
            _columns[i] = item;
            // A header in another encoding is one problem, not one per column.
            if (problem is not null && !problems.Contains($"1: {problem}"))
            {
                problems.Add($"1: {problem}");
            }
        }

        foreach (var duplicate in _columns.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add($"1: {duplicate.Key}: column.twice: more than one column gives this item.");
        }

        return problems;
    }

    // A source column's item: renamed by the mapping (null: the mapping drops it), then one of the policy's.
    private (string? Item, string? Problem) Column(string name)
    {
        if (!IsUtf8(name))
        {
            return (null, "header: encoding.utf8: the header is not valid UTF-8 (the file must be UTF-8; convert a UTF-16 or Latin-1 file first).");
        }

        if (!_map.TryMap(name, out var item))
        {
            return (null, null);
        }

        return _policy.FindItem(item) is null
            ? (null, $"{Short(name)}: column.unknown: not a data item of policy {_policy.Id}; rename or map it (--map), or remove the column.")
            : (item, null);
    }

    /// <summary>The rows one at a time, in file order.</summary>
    public IEnumerable<SourceRow> Rows() => _csv is null ? JsonRows() : CsvRows();

    private IEnumerable<SourceRow> CsvRows()
    {
        while (_csv!.Read())
        {
            var line = _lastLine + 1;
            _lastLine = _csv.RawRow;
            var record = _csv.Record!;
            List<(string, string)>? problems = null;
            if (_badData)
            {
                _badData = false;
                (problems ??= []).Add(("row", "csv.quote: a quote inside an unquoted field, or a quoted field not closed."));
            }

            if (record.Length != _columns.Length)
            {
                (problems ??= []).Add(("row", $"csv.fields: {record.Length} field(s) where the header has {_columns.Length}."));
            }

            var items = new Dictionary<string, string?>(_columns.Length);
            for (var i = 0; i < Math.Min(record.Length, _columns.Length); i++)
            {
                if (_columns[i] is { } item)
                {
                    Add(items, item, record[i], ref problems);
                }
            }

            yield return new SourceRow(_ordinal++, line, items, problems);
        }
    }

    private IEnumerable<SourceRow> JsonRows()
    {
        long line = 0;
        while (_reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            List<(string, string)>? problems = null;
            var items = new Dictionary<string, string?>();
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    (problems ??= []).Add(("row", "json.object: each line must be one JSON object."));
                }
                else
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        var (item, problem) = Column(property.Name);
                        if (problem is not null)
                        {
                            (problems ??= []).Add((problem[..problem.IndexOf(':', StringComparison.Ordinal)], problem[(problem.IndexOf(':', StringComparison.Ordinal) + 2)..]));
                        }
                        else if (item is not null)
                        {
                            Add(items, item, Value(property.Value, ref problems, item), ref problems);
                        }
                    }
                }
            }
            catch (JsonException ex)
            {
                (problems ??= []).Add(("row", $"json.invalid: not valid JSON (at byte {ex.BytePositionInLine})."));
            }

            yield return new SourceRow(_ordinal++, line, items, problems);
        }
    }

    private static string? Value(JsonElement value, ref List<(string, string)>? problems, string item)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            default:
                (problems ??= []).Add(("items." + item, "json.type: a value is a string, a number or null."));
                return null;
        }
    }

    private static void Add(Dictionary<string, string?> items, string item, string? value, ref List<(string, string)>? problems)
    {
        if (value is not null && !IsUtf8(value))
        {
            (problems ??= []).Add(("items." + item, "encoding.utf8: not valid UTF-8 (the file must be UTF-8)."));
            value = null;
        }

        if (!items.TryAdd(item, string.IsNullOrEmpty(value) ? null : value))
        {
            (problems ??= []).Add(("items." + item, "column.twice: more than one column gives this item."));
        }
    }

    private static bool IsUtf8(string text) => text.AsSpan().IndexOfAny(Replacement, '\0') < 0;

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public void Dispose()
    {
        _csv?.Dispose();
        _reader.Dispose();
    }
}
