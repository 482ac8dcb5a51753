using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>API tokens carry permissions. Tokens made before hold none, so they do nothing until re-issued: closed by default.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261207000100_TokenPermissions")]
public sealed class TokenPermissions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Permissions", table: "staff_api_tokens", nullable: false, defaultValue: "");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("Permissions", "staff_api_tokens");
}
