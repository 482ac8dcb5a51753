namespace Custodian.Storage;

/// <summary>The database was migrated by a newer release than this one: the start is refused, with this one line.</summary>
public sealed class SchemaNewerException(string message) : Exception(message);
