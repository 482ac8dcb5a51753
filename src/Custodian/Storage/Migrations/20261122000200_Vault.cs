using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122000200_Vault")]
public sealed class Vault : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "vault_persons",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Channel = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                ProvisionStopped = table.Column<bool>(nullable: false),
                RegisteredAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Sealed = table.Column<byte[]>(nullable: true),
                ItemIds = table.Column<string>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_vault_persons", x => x.Id));

        migrationBuilder.CreateTable(
            name: "vault_person_keys",
            columns: table => new
            {
                PersonId = table.Column<Guid>(nullable: false),
                KeyId = table.Column<string>(nullable: false),
                Wrapped = table.Column<byte[]>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_vault_person_keys", x => x.PersonId));

        migrationBuilder.CreateTable(
            name: "vault_blind_indexes",
            columns: table => new
            {
                Kind = table.Column<string>(nullable: false),
                Digest = table.Column<byte[]>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_vault_blind_indexes", x => new { x.Kind, x.Digest, x.PersonId }));
        migrationBuilder.CreateIndex("IX_vault_blind_indexes_PersonId", "vault_blind_indexes", "PersonId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("vault_blind_indexes");
        migrationBuilder.DropTable("vault_person_keys");
        migrationBuilder.DropTable("vault_persons");
    }
}
