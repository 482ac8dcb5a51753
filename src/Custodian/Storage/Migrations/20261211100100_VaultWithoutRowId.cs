using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// On SQLite the blind indexes and the wrapped keys become <c>WITHOUT ROWID</c> tables: each row is its primary key's
/// entry, so an insert goes into one b-tree fewer (the blind index's whole row is its key, and its table of rowids held
/// nothing else). An import writes two blind indexes and a key per person (docs/benchmarks.md, issue 24). PostgreSQL
/// has no rowid tables: nothing changes there. EF cannot declare the clause, so the tables are rebuilt by hand, in
/// the migration's transaction, keeping their columns, constraint and index names.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261211100100_VaultWithoutRowId")]
public sealed class VaultWithoutRowId : Migration
{
    private const string BlindIndexes = """
        "Kind" TEXT NOT NULL,
        "Digest" BLOB NOT NULL,
        "PersonId" TEXT NOT NULL,
        CONSTRAINT "PK_vault_blind_indexes" PRIMARY KEY ("Kind", "Digest", "PersonId")
        """;

    private const string PersonKeys = """
        "PersonId" TEXT NOT NULL CONSTRAINT "PK_vault_person_keys" PRIMARY KEY,
        "KeyId" TEXT NOT NULL,
        "Wrapped" BLOB NOT NULL
        """;

    protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

    protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

    private static void Rebuild(MigrationBuilder migrationBuilder, string clause)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        Rebuild(migrationBuilder, "vault_blind_indexes", BlindIndexes, "\"Kind\", \"Digest\", \"PersonId\"", clause);
        migrationBuilder.Sql("""CREATE INDEX "IX_vault_blind_indexes_PersonId" ON "vault_blind_indexes" ("PersonId");""");
        Rebuild(migrationBuilder, "vault_person_keys", PersonKeys, "\"PersonId\", \"KeyId\", \"Wrapped\"", clause);
    }

    // Copied in key order, so the new b-tree is written by appends.
    private static void Rebuild(MigrationBuilder migrationBuilder, string table, string columns, string columnList, string clause)
    {
        migrationBuilder.Sql($"CREATE TABLE \"{table}_rebuilt\" (\n{columns}\n){clause};");
        migrationBuilder.Sql($"INSERT INTO \"{table}_rebuilt\" ({columnList}) SELECT {columnList} FROM \"{table}\" ORDER BY 1, 2, 3;");
        migrationBuilder.Sql($"DROP TABLE \"{table}\";");
        migrationBuilder.Sql($"ALTER TABLE \"{table}_rebuilt\" RENAME TO \"{table}\";");
    }
}
