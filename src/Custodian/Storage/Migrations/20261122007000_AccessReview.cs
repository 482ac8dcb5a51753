using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122007000_AccessReview")]
public sealed class AccessReview : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "staff_organisation",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                ResponsibleManagerId = table.Column<Guid>(nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_staff_organisation", x => x.Id));

        migrationBuilder.CreateTable(
            name: "staff_access_reviews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DepartmentId = table.Column<Guid>(nullable: false),
                PeriodFrom = table.Column<DateOnly>(nullable: false),
                PeriodTo = table.Column<DateOnly>(nullable: false),
                SignedBy = table.Column<Guid>(nullable: false),
                SignedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_staff_access_reviews", x => x.Id));
        migrationBuilder.CreateIndex(
            "IX_staff_access_reviews_DepartmentId_PeriodFrom_PeriodTo", "staff_access_reviews", ["DepartmentId", "PeriodFrom", "PeriodTo"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("staff_access_reviews");
        migrationBuilder.DropTable("staff_organisation");
    }
}
