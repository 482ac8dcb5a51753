using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122005000_SafeManagement")]
public sealed class SafeManagement : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Networks", table: "staff_accounts", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<DateTime>(name: "TrainedAt", table: "staff_accounts", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "PledgeSignedAt", table: "staff_accounts", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "DepartmentId", table: "staff_accounts", nullable: true);

        migrationBuilder.CreateTable(
            name: "staff_roles",
            columns: table => new
            {
                Role = table.Column<string>(nullable: false),
                Views = table.Column<string>(nullable: false),
                Networks = table.Column<string>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_staff_roles", x => x.Role));

        migrationBuilder.CreateTable(
            name: "staff_departments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                ManagerId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_staff_departments", x => x.Id));
        migrationBuilder.CreateIndex("IX_staff_departments_Name", "staff_departments", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("staff_departments");
        migrationBuilder.DropTable("staff_roles");
        migrationBuilder.DropColumn("DepartmentId", "staff_accounts");
        migrationBuilder.DropColumn("PledgeSignedAt", "staff_accounts");
        migrationBuilder.DropColumn("TrainedAt", "staff_accounts");
        migrationBuilder.DropColumn("Networks", "staff_accounts");
    }
}
