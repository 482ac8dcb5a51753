using Microsoft.EntityFrameworkCore;

namespace Custodian.Storage;

/// <summary>
/// The one EF Core context: every module contributes its own entity configurations, so an audit event
/// commits atomically with the change it records.
/// </summary>
public sealed class CustodianDb(DbContextOptions<CustodianDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustodianDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC on both providers; SQLite hands them back unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
