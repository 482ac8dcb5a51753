using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122000400_Staff")]
public sealed class Staff : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "staff_api_tokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                SecretHash = table.Column<byte[]>(nullable: false),
                Purposes = table.Column<string>(nullable: false),
                Role = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_staff_api_tokens", x => x.Id));
        migrationBuilder.CreateIndex("IX_staff_api_tokens_SecretHash", "staff_api_tokens", "SecretHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("staff_api_tokens");
}
