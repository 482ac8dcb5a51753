namespace Custodian.Policy.Loading;

/// <summary>One problem in a policy file, at the position of the node that caused it.</summary>
/// <remarks>Messages name fields, ids and positions only: a policy file holds no personal data, and neither may these.</remarks>
public sealed record PolicyError(string File, long Line, long Column, string Rule, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Rule}: {Message}";
}

/// <summary>Either a policy, or every error found in its file.</summary>
public sealed record PolicyLoadResult(string File, PrivacyPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Succeeded => Policy is not null && Errors.Count == 0;

    /// <summary>Where the file names its version; the top of the file when it does not.</summary>
    internal (long Line, long Column) VersionAt { get; init; } = (1, 1);

    /// <summary>Where the file names its effective day (its version when it names none).</summary>
    internal (long Line, long Column) EffectiveAt { get; init; } = (1, 1);
}

/// <summary>The names of the validation rules, as printed in each error line.</summary>
internal static class PolicyRules
{
    public const string YamlSyntax = "yaml-syntax";
    public const string UnreadableFile = "unreadable-file";
    public const string EmptyFile = "empty-file";
    public const string MultipleDocuments = "multiple-documents";
    public const string WrongType = "wrong-type";
    public const string RequiredField = "required-field";
    public const string UnknownField = "unknown-field";
    public const string DuplicateKey = "duplicate-key";
    public const string DuplicateId = "duplicate-id";
    public const string InvalidValue = "invalid-value";
    public const string UnknownItem = "unknown-item";
    public const string UnknownCategory = "unknown-category";
    public const string UnknownPurpose = "unknown-purpose";
    public const string UnknownTerm = "unknown-term";
    public const string UnknownRequestType = "unknown-request-type";
    public const string RequiredNotInItems = "required-not-in-items";
    public const string MissingBindingNotice = "missing-binding-notice";
    public const string MissingTranslation = "missing-translation";
    public const string UnknownLanguage = "unknown-language";
    public const string UnknownPlaceholder = "unknown-placeholder";
    public const string NoticeMismatch = "notice-mismatch";
    public const string DuplicatePolicy = "duplicate-policy";
    public const string DuplicateEffectiveDate = "duplicate-effective-date";
    public const string UnknownRecordKind = "unknown-record-kind";
    public const string InvalidPeriod = "invalid-period";
    public const string QuoteNotInNotice = "quote-not-in-notice";
    public const string TextFormat = "text-format";
    public const string UnknownInText = "unknown-in-text";
    public const string NotInText = "not-in-text";
}
