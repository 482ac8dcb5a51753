using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// The installation's id, drawn when the migration is applied: a backup names it, and a restore refuses a backup of
/// another installation.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261207000500_Installation")]
public sealed class Installation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "storage_installation",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                InstallationId = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_storage_installation", x => x.Id));
        // Hand-written migrations carry no model, so the row's column types are named.
        var types = migrationBuilder.IsNpgsql() ? new[] { "integer", "uuid" } : ["INTEGER", "TEXT"];
        migrationBuilder.InsertData("storage_installation", ["Id", "InstallationId"], types, [Storage.Installation.RowId, Guid.NewGuid()]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("storage_installation");
}
