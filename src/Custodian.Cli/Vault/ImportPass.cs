using System.Collections;
using Custodian.Common;
using Custodian.Policy;
using Custodian.Vault;

namespace Custodian.Cli.Vault;

/// <summary>What the first pass found: rows, rows with problems, duplicates (rows to skip) and where a rerun resumes.</summary>
internal sealed record CheckReport(int Rows, int Problems, int Duplicates, BitArray Skipped, int AlreadyImported, long ResumeAfterLine);

/// <summary>
/// The two passes of an import over one file. The first streams it in chunks: each chunk's rows are checked against
/// the policy and their blind indexes computed on every core, then its duplicates are looked up; every problem is
/// written as it is found, as <c>file:line: field: rule</c>. The second streams it again and hands the rows that are
/// not duplicates to the vault to seal. The second does not check the rows again (that was a tenth of an import's CPU):
/// it reads the file the first checked, as its size and time say before every chunk it hands on, so a file changed
/// meanwhile stops the import before a changed row is sealed.
/// </summary>
internal sealed class ImportPass(Enrolment enrolment, ImportOptions options, ColumnMap columns, PrivacyPolicy policy)
{
    private const int Chunk = 4096;
    private (long Length, DateTime Written) _checkedFile;
    private (PrivacyPolicy Policy, Channel Channel)? _checkedAgainst;
    private int _expectedRows;

    public async Task<CheckReport> CheckAsync(ImportDuplicates duplicates, Task prepared, TextWriter error, CancellationToken ct)
    {
        var name = options.File.Name;
        RememberFile();
        var (source, headerProblems) = ImportSource.Open(options.File.FullName, options.JsonLines, options.Delimiter, columns, policy);
        using var _ = source;
        foreach (var problem in headerProblems)
        {
            await error.WriteLineAsync($"{name}:{problem}");
        }

        if (headerProblems.Count > 0)
        {
            return new CheckReport(0, headerProblems.Count, 0, new BitArray(0), 0, 0);
        }

        return await Progress.RunAsync("Checking rows", async progress =>
        {
            var chunks = System.Threading.Channels.Channel.CreateBounded<SourceRow[]>(2);
            var reading = Task.Run(() => ReadAsync(source!, chunks.Writer, ct), ct);
            await prepared;
            await using var scan = await duplicates.OpenAsync(cancellationToken: ct);
            var skipped = new BitArray(Chunk);
            int rows = 0, problems = 0, duplicateRows = 0, alreadyImported = 0;
            long resumeAfter = 0;
            var leading = true;
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                if (rows == 0)
                {
                    scan.Expect(_expectedRows);
                }

                var checkedRows = chunk.AsParallel().AsOrdered().WithCancellation(ct).Select(row => Check(row, duplicates)).ToArray();
                var good = new List<int>(chunk.Length);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (checkedRows[i].Problems is { } rowProblems)
                    {
                        problems++;
                        foreach (var (field, rule) in rowProblems)
                        {
                            await error.WriteLineAsync($"{name}:{chunk[i].Line}: {field}: {rule}");
                        }
                    }
                    else
                    {
                        good.Add(i);
                    }
                }

                var found = await scan.NextAsync(good.ConvertAll(i => checkedRows[i].Digests!), ct);
                var duplicateOf = found.GroupBy(d => good[d.Index]).ToDictionary(g => g.Key, g => g.Any(d => d.InDatabase));
                foreach (var duplicate in found)
                {
                    await error.WriteLineAsync($"{name}:{chunk[good[duplicate.Index]].Line}: {duplicate.Item}: duplicate");
                }

                if (skipped.Length < rows + chunk.Length)
                {
                    skipped.Length = Math.Max(skipped.Length * 2, rows + chunk.Length);
                }

                for (var i = 0; i < chunk.Length; i++)
                {
                    var isDuplicate = duplicateOf.TryGetValue(i, out var inDatabase);
                    skipped[chunk[i].Ordinal] = isDuplicate;
                    duplicateRows += isDuplicate ? 1 : 0;
                    // The rows a stopped import committed are the file's first ones, all already in the database.
                    if (leading && isDuplicate && inDatabase)
                    {
                        alreadyImported++;
                        resumeAfter = chunk[i].Line;
                    }
                    else
                    {
                        leading = false;
                    }
                }

                rows += chunk.Length;
                progress.Report(source!.Position);
            }

            await reading;
            return new CheckReport(rows, problems, duplicateRows, skipped, alreadyImported, resumeAfter);
        }, source!.Length);
    }

    /// <summary>
    /// The second pass: the rows of the checked file that are not duplicates, read again a chunk at a time. Each chunk
    /// is handed on only after the file is seen unchanged since the first pass, after the chunk was read.
    /// </summary>
    public IEnumerable<SourceRow> FreshRows(BitArray skipped)
    {
        EnsureUnchanged();
        var (source, _) = ImportSource.Open(options.File.FullName, options.JsonLines, options.Delimiter, columns, policy);
        using (source)
        {
            var chunk = new List<SourceRow>(Chunk);
            foreach (var row in source!.Rows())
            {
                if (row.Ordinal >= skipped.Length || !skipped[row.Ordinal])
                {
                    chunk.Add(row);
                }

                if (chunk.Count == Chunk)
                {
                    EnsureUnchanged();
                    foreach (var fresh in chunk)
                    {
                        yield return fresh;
                    }

                    chunk.Clear();
                }
            }

            EnsureUnchanged();
            foreach (var fresh in chunk)
            {
                yield return fresh;
            }
        }
    }

    /// <summary>The file's size and time as the first pass reads it: what the second expects to find.</summary>
    internal void RememberFile()
    {
        options.File.Refresh();
        _checkedFile = (options.File.Length, options.File.LastWriteTimeUtc);
    }

    private void EnsureUnchanged()
    {
        options.File.Refresh();
        if ((options.File.Length, options.File.LastWriteTimeUtc) != _checkedFile)
        {
            throw new InvalidOperationException($"{options.File.Name} changed after it was checked; nothing more was imported.");
        }
    }

    /// <summary>A row of the second pass as the registration the first pass checked: the same row of the same file.</summary>
    public CheckedRegistration Checked(SourceRow row) =>
        row.Problems is null && _checkedAgainst is var (checkedPolicy, channel)
            ? new CheckedRegistration(new Registration(options.Channel, row.Items), checkedPolicy, channel)
            : throw new InvalidOperationException($"{options.File.Name}:{row.Line} is not the row the first pass checked.");

    private (List<(string, string)>? Problems, ImportDigest[]? Digests) Check(SourceRow row, ImportDuplicates duplicates)
    {
        if (row.Problems is not null)
        {
            return (row.Problems, null);
        }

        var result = enrolment.Check(new Registration(options.Channel, row.Items));
        if (!result.Succeeded)
        {
            return (Problems(result.Failure!), null);
        }

        // Every row resolves the same policy and channel: the second pass builds its registrations on them.
        _checkedAgainst ??= (result.Value!.Policy, result.Value.Channel);
        return (null, duplicates.Digests(result.Value!));
    }

    private static List<(string, string)> Problems(Failure failure) =>
        failure.Errors is { } errors
            ? [.. errors.SelectMany(e => e.Value.Select(m => (e.Key, m)))]
            : [(failure.Field ?? "row", $"{failure.Code}: {failure.Detail}")];

    private async Task ReadAsync(ImportSource source, System.Threading.Channels.ChannelWriter<SourceRow[]> output, CancellationToken ct)
    {
        try
        {
            var chunk = new List<SourceRow>(Chunk);
            foreach (var row in source.Rows())
            {
                chunk.Add(row);
                if (chunk.Count == Chunk)
                {
                    if (_expectedRows == 0)
                    {
                        // The rows of the whole file at the first chunk's bytes a row, rather more than fewer: the reader's
                        // buffer (64 KiB) may be ahead of the chunk. Written before the chunk is handed on, so seen with it.
                        var consumed = Math.Max(source.Position - (1 << 16), source.Position / 2);
                        _expectedRows = (int)Math.Min(50_000_000, source.Length * Chunk / Math.Max(1, consumed));
                    }

                    await output.WriteAsync([.. chunk], ct);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                await output.WriteAsync([.. chunk], ct);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }
}
