using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122009000_RequestReminders")]
public sealed class RequestReminders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "requests_reminders",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RequestId = table.Column<Guid>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                BusinessDaysBefore = table.Column<int>(nullable: false),
                FallsOn = table.Column<DateOnly>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_requests_reminders", x => x.Id));
        migrationBuilder.CreateIndex(
            "IX_requests_reminders_RequestId_DueOn_BusinessDaysBefore", "requests_reminders", ["RequestId", "DueOn", "BusinessDaysBefore"], unique: true);
        migrationBuilder.CreateIndex("IX_requests_reminders_SentAt", "requests_reminders", "SentAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("requests_reminders");
}
