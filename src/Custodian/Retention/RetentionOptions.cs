using System.ComponentModel.DataAnnotations;

namespace Custodian.Retention;

/// <summary>Settings under <c>Retention</c>. The schedule itself is policy data; these say only when and how fast it runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Whether the server runs disposal on its own. Off unless the operator switches it on, after reading
    /// <c>custodian retention run --dry-run</c>: disposal cannot be undone.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Time between scheduled runs; the first runs one interval after the start.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Records disposed of per transaction.</summary>
    [Range(100, 50_000)]
    public int BatchSize { get; set; } = 2000;
}
