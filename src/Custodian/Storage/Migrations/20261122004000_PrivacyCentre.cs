using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122004000_PrivacyCentre")]
public sealed class PrivacyCentre : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "privacycentre_cookie_choices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Categories = table.Column<string>(nullable: false),
                GlobalPrivacyControl = table.Column<bool>(nullable: false),
                AnonymizedIp = table.Column<string>(nullable: false),
                UserAgent = table.Column<string>(nullable: false),
                Replaces = table.Column<Guid>(nullable: true),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_privacycentre_cookie_choices", x => x.Id));

        migrationBuilder.CreateTable(
            name: "privacycentre_inquiries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                AnsweredAt = table.Column<DateTime>(nullable: true),
                AnsweredBy = table.Column<string>(nullable: true),
                AffiliateSharingStopped = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_privacycentre_inquiries", x => x.Id));
        migrationBuilder.CreateIndex("IX_privacycentre_inquiries_PersonId", "privacycentre_inquiries", "PersonId");

        migrationBuilder.CreateTable(
            name: "privacycentre_affiliate_provisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InquiryId = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Affiliate = table.Column<string>(nullable: false),
                By = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_privacycentre_affiliate_provisions", x => x.Id));
        migrationBuilder.CreateIndex("IX_privacycentre_affiliate_provisions_InquiryId", "privacycentre_affiliate_provisions", "InquiryId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("privacycentre_affiliate_provisions");
        migrationBuilder.DropTable("privacycentre_inquiries");
        migrationBuilder.DropTable("privacycentre_cookie_choices");
    }
}
