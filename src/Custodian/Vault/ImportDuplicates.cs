using System.Data;
using System.Data.Common;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Vault;

/// <summary>A row of an import (0-based) whose item already belongs to a person; names the item, never its value.</summary>
internal sealed record DuplicateRow(int Row, string Item);

/// <summary>
/// Finds the rows of an import that would register someone again: an e-mail or telephone already in the blind
/// indexes, or one of a row earlier in the same file that is itself registered. This is what makes a rerun after a
/// crash finish the job instead of registering everyone twice.
/// </summary>
internal sealed class ImportDuplicates(IDbContextFactory<CustodianDb> factory, VaultCrypto crypto)
{
    private readonly record struct Digest(string Item, string Kind, byte[] Value, string Text);

    /// <summary>
    /// Looks the rows' digests up <paramref name="lookUpBatch"/> at a time (one query per batch, not per row: a
    /// 100,000-row file is 200,000 digests), then walks the file in order. Every duplicate item of a row is returned.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateRow>> FindAsync(
        IReadOnlyList<CheckedRegistration> rows, int lookUpBatch = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookUpBatch, 1);
        var digests = rows.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(Digests).ToArray();
        var registered = await RegisteredAsync(digests, lookUpBatch, cancellationToken);
        var kept = new HashSet<(string, string)>();
        var duplicates = new List<DuplicateRow>();
        for (var row = 0; row < digests.Length; row++)
        {
            var before = duplicates.Count;
            foreach (var digest in digests[row])
            {
                if (registered.Contains((digest.Kind, digest.Text)) || kept.Contains((digest.Kind, digest.Text)))
                {
                    duplicates.Add(new DuplicateRow(row, digest.Item));
                }
            }

            // Only a row that will be registered claims its items: one skipped as a duplicate claims nothing.
            if (duplicates.Count == before)
            {
                kept.UnionWith(digests[row].Select(d => (d.Kind, d.Text)));
            }
        }

        return duplicates;
    }

    private Digest[] Digests(CheckedRegistration row)
    {
        var (registration, policy, _) = row;
        var digests = new List<Digest>(2);
        foreach (var (id, value) in registration.Items)
        {
            if (!string.IsNullOrWhiteSpace(value) && policy.FindItem(id) is { } item && Enrolment.IndexKind(item.Type) is { } kind)
            {
                var digest = crypto.BlindIndex(kind, ItemRules.Normalize(item, value));
                digests.Add(new Digest(id, kind, digest, Convert.ToBase64String(digest)));
            }
        }

        return [.. digests];
    }

    private async Task<HashSet<(string, string)>> RegisteredAsync(Digest[][] digests, int lookUpBatch, CancellationToken cancellationToken)
    {
        var found = new HashSet<(string, string)>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // One command of lookUpBatch parameters, built once and run per batch (SQLite keeps its compiled statement): EF
        // built the SQL of a 1,000-value IN list again on every run, and that cost five times the look-ups themselves.
        await using var command = connection.CreateCommand();
        var kindParameter = Parameter(command, "k", DbType.String);
        var values = Enumerable.Range(0, lookUpBatch).Select(i => Parameter(command, "d" + i, DbType.Binary)).ToArray();
        command.CommandText = $"""SELECT "Digest" FROM "vault_blind_indexes" WHERE "Kind" = @k AND "Digest" IN ({string.Join(", ", values.Select(v => v.ParameterName))})""";
        foreach (var kind in digests.SelectMany(d => d).GroupBy(d => d.Kind))
        {
            kindParameter.Value = kind.Key;
            // In key order, so each query walks the index forward instead of jumping across it.
            var distinct = kind.DistinctBy(d => d.Text).Select(d => d.Value).ToList();
            distinct.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
            foreach (var batch in distinct.Chunk(lookUpBatch))
            {
                // A short last batch repeats its first digest, so the prepared command keeps its shape.
                for (var i = 0; i < values.Length; i++)
                {
                    values[i].Value = batch[i < batch.Length ? i : 0];
                }

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add((kind.Key, Convert.ToBase64String((byte[])reader[0])));
                }
            }
        }

        return found;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
