using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122001100_ConsentEvidence")]
public sealed class ConsentEvidence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("AnonymizedIp", "consent_records", nullable: true);
        migrationBuilder.AddColumn<string>("UserAgent", "consent_records", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("AnonymizedIp", "consent_records");
        migrationBuilder.DropColumn("UserAgent", "consent_records");
    }
}
