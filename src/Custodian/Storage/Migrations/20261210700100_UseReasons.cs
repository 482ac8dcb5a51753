using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Gate: the sealed reason of each use of a catch-all purpose, named by id from its audit event.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261210700100_UseReasons")]
public sealed class UseReasons : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "gate_use_reasons",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(nullable: false),
                Actor = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Sealed = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_gate_use_reasons", x => x.Id));
        migrationBuilder.CreateIndex("IX_gate_use_reasons_PersonId", "gate_use_reasons", "PersonId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("gate_use_reasons");
}
