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

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "CreatedBy", table: "staff_api_tokens");
        migrationBuilder.DropColumn(name: "LastSignInAt", table: "staff_accounts");
        migrationBuilder.DropColumn(name: "DeactivatedAt", table: "staff_accounts");
        migrationBuilder.DropColumn(name: "MustChangePassword", table: "staff_accounts");
    }
}
