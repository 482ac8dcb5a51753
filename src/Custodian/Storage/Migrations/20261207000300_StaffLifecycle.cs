using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// Staff accounts from joining to leaving: an initial password to change at the first sign-in, deactivation (the row
/// stays, so audit events keep naming it), the last sign-in, and which staff account created an API token.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261207000300_StaffLifecycle")]
public sealed class StaffLifecycle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "MustChangePassword", table: "staff_accounts", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<DateTime>(name: "DeactivatedAt", table: "staff_accounts", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "LastSignInAt", table: "staff_accounts", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "CreatedBy", table: "staff_api_tokens", nullable: true);
    }

    // EF's SQLite generator refuses DropColumn (it would rebuild the table); both SQLite (3.35 and later) and
    // PostgreSQL drop a plain column with this statement, so a database can be rolled back to the previous release.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "staff_api_tokens" DROP COLUMN "CreatedBy";""");
        migrationBuilder.Sql("""ALTER TABLE "staff_accounts" DROP COLUMN "LastSignInAt";""");
        migrationBuilder.Sql("""ALTER TABLE "staff_accounts" DROP COLUMN "DeactivatedAt";""");
        migrationBuilder.Sql("""ALTER TABLE "staff_accounts" DROP COLUMN "MustChangePassword";""");
    }
}
