using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Policy versions: who was told of which version, once each.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261210200100_PolicyVersions")]
public sealed class PolicyVersions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "policy_change_notices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                Version = table.Column<string>(nullable: false),
                Channel = table.Column<string>(nullable: false),
                OutboxId = table.Column<Guid>(nullable: true),
                At = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_policy_change_notices", x => x.Id));
        migrationBuilder.CreateIndex(
            "IX_policy_change_notices_PersonId_PolicyId_Version", "policy_change_notices", ["PersonId", "PolicyId", "Version"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("policy_change_notices");
}
