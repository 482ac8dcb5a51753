using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>The key check: a database remembers which key-encryption key its data is sealed under, so a wrong key file is refused at start.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261207000400_KeyCheck")]
public sealed class KeyCheck : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "vault_key_check",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                KeyId = table.Column<string>(nullable: false),
                Check = table.Column<byte[]>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_vault_key_check", x => x.Id));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("vault_key_check");
}
