using System.Data.Common;

namespace Custodian.Audit;

/// <summary>
/// One range of the chain read row by row, in sequence order, for <see cref="AuditVerifier"/>. Spans are valid until
/// the next <see cref="Read"/>: rows are not materialised, because a million of them is the verifier's whole cost.
/// </summary>
internal interface IChainRows : IDisposable
{
    const string Select =
        """SELECT "Seq", "At", "Type", "Outcome", "Actor", "PersonId", "Purpose", "Items", "Reason", "Subject", "PrevHash", "Hash" FROM audit_events WHERE "Seq" BETWEEN @first AND @last ORDER BY "Seq" """;

    bool Read();

    long Seq { get; }

    ReadOnlySpan<byte> PrevHash { get; }

    ReadOnlySpan<byte> Hash { get; }

    /// <summary>The current row's event type, as stored.</summary>
    int Type { get; }

    /// <summary>Hashes the current row's columns as <see cref="AuditHash"/> defines.</summary>
    void ComputeHash(Span<byte> destination);
}

/// <summary>Any ADO.NET provider (PostgreSQL): typed values, one row materialised at a time, on a connection it owns.</summary>
internal sealed class AdoChainRows : IChainRows
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private byte[] _prevHash = [];
    private byte[] _hash = [];

    public AdoChainRows(DbConnection connection, long first, long last)
    {
        _connection = connection;
        connection.Open();
        _command = connection.CreateCommand();
        _command.CommandText = IChainRows.Select;
        AddParameter(_command, "@first", first);
        AddParameter(_command, "@last", last);
        _reader = _command.ExecuteReader();
    }

    public long Seq { get; private set; }

    public ReadOnlySpan<byte> PrevHash => _prevHash;

    public ReadOnlySpan<byte> Hash => _hash;

    public int Type => _reader.GetInt32(2);

    public bool Read()
    {
        if (!_reader.Read())
        {
            return false;
        }

        Seq = _reader.GetInt64(0);
        _prevHash = (byte[])_reader.GetValue(10);
        _hash = (byte[])_reader.GetValue(11);
        return true;
    }

    public void ComputeHash(Span<byte> destination) =>
        AuditHash.Compute(
            Seq, ReadTicks(), _reader.GetInt32(2), _reader.GetInt32(3), _reader.GetString(4), ReadGuid(),
            NullableString(6), NullableString(7), NullableString(8), NullableString(9), _prevHash, destination);

    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }

    // PostgreSQL types its columns: the instant and the person id come back as values, not text (SQLite's walk is SqliteChainRows).
    private long ReadTicks() => _reader.GetDateTime(1).Ticks;

    private Guid? ReadGuid() => _reader.IsDBNull(5) ? null : _reader.GetGuid(5);

    private string? NullableString(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetString(ordinal);

    private static void AddParameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
