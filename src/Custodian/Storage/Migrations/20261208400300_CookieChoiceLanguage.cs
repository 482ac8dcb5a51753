using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Cookie choices keep the banner's language, so the figures give opt-in rates per language.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208400300_CookieChoiceLanguage")]
public sealed class CookieChoiceLanguage : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>("Language", "privacycentre_cookie_choices", nullable: true);

    // Plain SQL: EF refuses DropColumn on SQLite, which has dropped columns natively since 3.35.
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""ALTER TABLE "privacycentre_cookie_choices" DROP COLUMN "Language";""");
}
