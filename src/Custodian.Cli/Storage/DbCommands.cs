using System.CommandLine;
using Custodian.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Storage;

internal static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply the schema migrations to the configured database (SQLite or PostgreSQL)");
        migrate.Options.Add(CliOutput.DataOption);
        migrate.SetAction(async (result, ct) =>
        {
            await using var host = await CliHost.OpenAsync(result, ct);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            await result.Out().WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return CliOutput.Ok;
        });
        var db = new Command("db", "Database operations");
        db.Subcommands.Add(migrate);
        return db;
    }
}
