using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122006000_SessionsAndDevices")]
public sealed class SessionsAndDevices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "RequireRegisteredDevice", table: "staff_roles", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "staff_sessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Client = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                LastSeenAt = table.Column<DateTime>(nullable: false),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndReason = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_staff_sessions", x => x.Id));
        migrationBuilder.CreateIndex("IX_staff_sessions_AccountId", "staff_sessions", "AccountId");

        migrationBuilder.CreateTable(
            name: "staff_recovery_codes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Hash = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_staff_recovery_codes", x => x.Id));
        migrationBuilder.CreateIndex("IX_staff_recovery_codes_AccountId_Hash", "staff_recovery_codes", ["AccountId", "Hash"], unique: true);

        migrationBuilder.CreateTable(
            name: "staff_devices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                IdentifierHash = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ApprovedAt = table.Column<DateTime>(nullable: true),
                ApprovedBy = table.Column<Guid>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_staff_devices", x => x.Id));
        migrationBuilder.CreateIndex("IX_staff_devices_AccountId_IdentifierHash", "staff_devices", ["AccountId", "IdentifierHash"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("staff_devices");
        migrationBuilder.DropTable("staff_recovery_codes");
        migrationBuilder.DropTable("staff_sessions");
        migrationBuilder.DropColumn("RequireRegisteredDevice", "staff_roles");
    }
}
