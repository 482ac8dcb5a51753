using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Retention: the disposal records, and the audit chain's signed start once old events are pruned.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261207000700_Retention")]
public sealed class Retention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "retention_disposals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RunId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Keep = table.Column<string>(nullable: false),
                Basis = table.Column<string>(nullable: false),
                Before = table.Column<DateTime>(nullable: false),
                Method = table.Column<string>(nullable: false),
                Count = table.Column<int>(nullable: false),
                By = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_retention_disposals", x => x.Id));
        migrationBuilder.CreateIndex("IX_retention_disposals_At", "retention_disposals", "At");

        migrationBuilder.CreateTable(
            name: "audit_chain_start",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                Seq = table.Column<long>(nullable: false),
                Hash = table.Column<byte[]>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Signature = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_chain_start", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("audit_chain_start");
        migrationBuilder.DropTable("retention_disposals");
    }
}
