using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122003000_Anonymization")]
public sealed class Anonymization : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "anonymization_releases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Items = table.Column<string>(nullable: false),
                K = table.Column<int>(nullable: false),
                SuppressionLimit = table.Column<double>(nullable: false),
                Transformation = table.Column<string>(nullable: false),
                PersonsConsidered = table.Column<int>(nullable: false),
                PersonsIncluded = table.Column<int>(nullable: false),
                PersonsRefused = table.Column<int>(nullable: false),
                SuppressedRows = table.Column<int>(nullable: false),
                Classes = table.Column<int>(nullable: false),
                Report = table.Column<string>(nullable: false),
                CreatedBy = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymization_releases", x => x.Id));

        migrationBuilder.CreateTable(
            name: "anonymization_released_data",
            columns: table => new
            {
                ReleaseId = table.Column<Guid>(nullable: false),
                Csv = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymization_released_data", x => x.ReleaseId));

        migrationBuilder.CreateTable(
            name: "anonymization_methods",
            columns: table => new
            {
                ReleaseId = table.Column<Guid>(nullable: false),
                Method = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymization_methods", x => x.ReleaseId));

        migrationBuilder.CreateTable(
            name: "anonymization_provisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReleaseId = table.Column<Guid>(nullable: false),
                Recipient = table.Column<string>(nullable: false),
                Method = table.Column<string>(nullable: false),
                Statement = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                By = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymization_provisions", x => x.Id));
        migrationBuilder.CreateIndex("IX_anonymization_provisions_ReleaseId", "anonymization_provisions", "ReleaseId");

        migrationBuilder.CreateTable(
            name: "anonymization_publications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                Version = table.Column<int>(nullable: false),
                ReleaseId = table.Column<Guid>(nullable: false),
                Items = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_anonymization_publications", x => x.Id));
        migrationBuilder.CreateIndex("IX_anonymization_publications_PolicyId_Version", "anonymization_publications", ["PolicyId", "Version"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("anonymization_publications");
        migrationBuilder.DropTable("anonymization_provisions");
        migrationBuilder.DropTable("anonymization_methods");
        migrationBuilder.DropTable("anonymization_released_data");
        migrationBuilder.DropTable("anonymization_releases");
    }
}
