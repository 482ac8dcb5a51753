namespace Custodian.Common;

/// <summary>An expected failure, returned as a value. The host maps it to a problem details response in one place.</summary>
public sealed record Failure(FailureKind Kind, string Code, string Detail, string? Field = null)
{
    public static Failure Invalid(string field, string code, string detail) => new(FailureKind.Invalid, code, detail, field);
    public static Failure NotFound(string code, string detail) => new(FailureKind.NotFound, code, detail);
    public static Failure Refused(string code, string detail) => new(FailureKind.Refused, code, detail);
    public static Failure Conflict(string code, string detail) => new(FailureKind.Conflict, code, detail);
}

public enum FailureKind
{
    Invalid,
    NotFound,
    Refused,
    Conflict,
    Gone,
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
