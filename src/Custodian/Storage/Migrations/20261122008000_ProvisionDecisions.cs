using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122008000_ProvisionDecisions")]
public sealed class ProvisionDecisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("RejectedBy", "provision_requests", nullable: true);
        migrationBuilder.AddColumn<DateTime>("DecidedAt", "provision_requests", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("RejectedBy", "provision_requests");
        migrationBuilder.DropColumn("DecidedAt", "provision_requests");
    }
}
