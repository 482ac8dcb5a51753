namespace Custodian.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    public FakeTime() : this(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
