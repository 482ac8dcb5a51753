using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Requests: when a document was first opened, so one no reviewer has looked at cannot be accepted.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208400100_DocumentOpened")]
public sealed class DocumentOpened : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>("OpenedAt", "requests_documents", nullable: true);

    // Plain SQL: EF refuses DropColumn on SQLite, which has dropped columns natively since 3.35.
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "requests_documents" DROP COLUMN "OpenedAt";""");
}
