namespace Custodian.Cli.Vault;

/// <summary>
/// Keeps an import's managed heap near what it holds alive (issue 24 bounds an import's memory). A batch lives through
/// several collections while it is sealed, waits and is written, so it dies in the oldest generation, which the
/// collector let grow to several times what was alive before collecting it: 185 MB of heap at 300,000 rows with two
/// batches of 16,000 alive, more the longer the import ran (docs/benchmarks.md, session 7). So once a batch is
/// committed, a heap grown more than <see cref="Headroom"/> past what was alive after the last full collection is
/// collected whole, before the next batch is sealed into it.
/// </summary>
internal sealed class ImportHeap(IProgress<long> inner) : IProgress<long>
{
    private const long Headroom = 8L << 20;
    private long _alive = 32L << 20;

    public void Report(long value)
    {
        if (GC.GetTotalMemory(forceFullCollection: false) > _alive + Headroom)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            _alive = GC.GetTotalMemory(forceFullCollection: false);
        }

        inner.Report(value);
    }
}
