using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// Hand-written (no design-time package here). Column types are left to the provider's mapping of the
/// CLR type, so this one set serves SQLite and PostgreSQL; the schema drift test proves both match the model.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261122000100_Audit")]
public sealed class Audit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                Seq = table.Column<long>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Type = table.Column<int>(nullable: false),
                Outcome = table.Column<int>(nullable: false),
                Actor = table.Column<string>(nullable: false),
                PersonId = table.Column<Guid>(nullable: true),
                Purpose = table.Column<string>(nullable: true),
                Items = table.Column<string>(nullable: true),
                Reason = table.Column<string>(nullable: true),
                Subject = table.Column<string>(nullable: true),
                PrevHash = table.Column<byte[]>(nullable: false),
                Hash = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.Seq));
        migrationBuilder.CreateIndex("IX_audit_events_PersonId_Seq", "audit_events", ["PersonId", "Seq"]);
        migrationBuilder.CreateIndex("IX_audit_events_Actor_At", "audit_events", ["Actor", "At"]);

        migrationBuilder.CreateTable(
            name: "audit_checkpoints",
            columns: table => new
            {
                Seq = table.Column<long>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Hash = table.Column<byte[]>(nullable: false),
                Signature = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_checkpoints", x => x.Seq));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("audit_checkpoints");
        migrationBuilder.DropTable("audit_events");
    }
}
