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

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("OpenedAt", "requests_documents");
}
