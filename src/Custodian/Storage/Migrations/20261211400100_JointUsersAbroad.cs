using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// Joint users abroad: the joint-use member a staff account or an API token belongs to, and on a provision record of a transfer abroad
/// the member, its country and the purpose of the use.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261211400100_JointUsersAbroad")]
public sealed class JointUsersAbroad : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("JointUser", "staff_accounts", nullable: true);
        migrationBuilder.AddColumn<string>("JointUser", "staff_api_tokens", nullable: true);
        migrationBuilder.AddColumn<string>("JointUser", "provision_records", nullable: true);
        migrationBuilder.AddColumn<string>("Country", "provision_records", nullable: true);
        migrationBuilder.AddColumn<string>("Purpose", "provision_records", nullable: true);
    }

    // Plain SQL: EF refuses DropColumn on SQLite, which has dropped columns natively since 3.35.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "provision_records" DROP COLUMN "Purpose";""");
        migrationBuilder.Sql("""ALTER TABLE "provision_records" DROP COLUMN "Country";""");
        migrationBuilder.Sql("""ALTER TABLE "provision_records" DROP COLUMN "JointUser";""");
        migrationBuilder.Sql("""ALTER TABLE "staff_api_tokens" DROP COLUMN "JointUser";""");
        migrationBuilder.Sql("""ALTER TABLE "staff_accounts" DROP COLUMN "JointUser";""");
    }
}
