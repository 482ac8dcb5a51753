namespace Custodian.Common;

/// <summary>An expected failure, returned as a value. The host maps it to a problem details response in one place.</summary>
public sealed record Failure(FailureKind Kind, string Code, string Detail, string? Field = null)
{
    /// <summary>Every field that broke a rule, with the rules it broke, for validation failures.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static Failure Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureKind.Invalid, "validation", "One or more fields break a rule.", errors.Keys.First()) { Errors = errors };

    public static Failure Invalid(string field, string code, string detail) => new(FailureKind.Invalid, code, detail, field);
    public static Failure NotFound(string code, string detail) => new(FailureKind.NotFound, code, detail);
    public static Failure Refused(string code, string detail) => new(FailureKind.Refused, code, detail);
    public static Failure Conflict(string code, string detail) => new(FailureKind.Conflict, code, detail);
    public static Failure Gone(string code, string detail) => new(FailureKind.Gone, code, detail);

    /// <summary>The request was fine, but this installation lacks something it needs to answer it.</summary>
    public static Failure Unavailable(string code, string detail) => new(FailureKind.Unavailable, code, detail);
}

public enum FailureKind
{
    Invalid,
    NotFound,
    Refused,
    Conflict,
    Gone,
    Unavailable,
}

/// <summary>Either a value or a <see cref="Failure"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }
    public Failure? Failure { get; }
    public bool Succeeded => Failure is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}
