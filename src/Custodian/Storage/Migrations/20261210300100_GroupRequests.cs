using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// Suspension of use by purpose (the purposes on the person's row, so the gate needs no other query), and the method
/// by which a request under a policy without identity documents was verified.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261210300100_GroupRequests")]
public sealed class GroupRequests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("SuspendedPurposes", "vault_persons", nullable: true);
        migrationBuilder.AddColumn<string>("VerificationMethod", "requests_requests", nullable: true);
    }

    // Plain SQL: EF refuses DropColumn on SQLite, which has dropped columns natively since 3.35.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "requests_requests" DROP COLUMN "VerificationMethod";""");
        migrationBuilder.Sql("""ALTER TABLE "vault_persons" DROP COLUMN "SuspendedPurposes";""");
    }
}
