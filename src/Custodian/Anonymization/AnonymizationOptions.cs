namespace Custodian.Anonymization;

/// <summary>The quality models, each defined as ARX defines it so that figures compare one to one.</summary>
public enum QualityModel
{
    /// <summary>ARX "Loss": generalization intensity by domain share, geometric mean over attributes.</summary>
    Loss,

    /// <summary>ARX non-uniform entropy (precomputed, monotonic): summed over attributes, in bits.</summary>
    Entropy,

    /// <summary>ARX discernibility: sum of squared class sizes, suppressed rows cost the row count each.</summary>
    Discernibility,

    /// <summary>ARX average equivalence class size; suppressed rows form one class.</summary>
    Aecs,

    /// <summary>ARX precision: level over height, suppressed rows cost 1, arithmetic mean over attributes.</summary>
    Precision,
}

public enum DiversityKind
{
    Distinct,
    Entropy,
}

/// <summary>What to anonymize and how strictly. Everything is validated before the search starts.</summary>
public sealed record AnonymizationOptions
{
    public required IReadOnlyList<string> QuasiIdentifiers { get; init; }
    public int K { get; init; } = 1;

    /// <summary>Fraction of rows that may be suppressed, in [0, 1].</summary>
    public double SuppressionLimit { get; init; }

    public int? L { get; init; }
    public DiversityKind LKind { get; init; } = DiversityKind.Distinct;

    /// <summary>Equal-distance t-closeness threshold, in [0, 1].</summary>
    public double? T { get; init; }

    public string? Sensitive { get; init; }
    public QualityModel Quality { get; init; } = QualityModel.Loss;
}
