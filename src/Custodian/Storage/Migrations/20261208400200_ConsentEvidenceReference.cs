using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Consent: a reference to the evidence of a choice told to staff (a signed form, a recording).</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208400200_ConsentEvidenceReference")]
public sealed class ConsentEvidenceReference : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("EvidenceReference", "consent_records", nullable: true);

    // Plain SQL: EF refuses DropColumn on SQLite, which has dropped columns natively since 3.35.
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "consent_records" DROP COLUMN "EvidenceReference";""");
}
