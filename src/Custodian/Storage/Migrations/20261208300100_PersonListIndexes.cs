using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// The console's list of persons pages newest first by (registered, id), optionally within one state: a page at a
/// million persons reads its fifty rows from an index instead of sorting the table. A rare state (erased, suspended)
/// has its own index, else its page would walk every active person to find fifty.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208300100_PersonListIndexes")]
public sealed class PersonListIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_vault_persons_RegisteredAt_Id", "vault_persons", ["RegisteredAt", "Id"]);
        migrationBuilder.CreateIndex("IX_vault_persons_State_RegisteredAt_Id", "vault_persons", ["State", "RegisteredAt", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_vault_persons_State_RegisteredAt_Id", "vault_persons");
        migrationBuilder.DropIndex("IX_vault_persons_RegisteredAt_Id", "vault_persons");
    }
}
