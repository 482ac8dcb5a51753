using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122000300_Consent")]
public sealed class Consent : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "consent_records",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<string>(nullable: false),
                Given = table.Column<bool>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Channel = table.Column<string>(nullable: false),
                EvidenceHash = table.Column<string>(nullable: true),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_consent_records", x => x.Id));
        migrationBuilder.CreateIndex("IX_consent_records_PersonId_Purpose_At", "consent_records", ["PersonId", "Purpose", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("consent_records");
}
