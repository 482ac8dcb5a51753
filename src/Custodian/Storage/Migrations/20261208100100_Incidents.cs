using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Incidents: the register, its affected persons and timeline; and a client company's suspension, a containment step.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208100100_Incidents")]
public sealed class Incidents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "incidents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                LearnedAt = table.Column<DateTime>(nullable: false),
                LearnedHow = table.Column<string>(nullable: false),
                LearnedBy = table.Column<Guid>(nullable: false),
                Summary = table.Column<string>(nullable: false),
                Cause = table.Column<string>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Policies = table.Column<string>(nullable: false),
                Items = table.Column<string>(nullable: false),
                Containment = table.Column<string>(nullable: false),
                AffectedCount = table.Column<int>(nullable: true),
                Encrypted = table.Column<bool>(nullable: false),
                KeysExposed = table.Column<string>(nullable: false),
                ReportableOverride = table.Column<bool>(nullable: true),
                OverrideReason = table.Column<string>(nullable: true),
                PreliminaryReportedAt = table.Column<DateTime>(nullable: true),
                FinalReportedAt = table.Column<DateTime>(nullable: true),
                DetectedBy = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                ClosedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_incidents", x => x.Id));
        migrationBuilder.CreateIndex("IX_incidents_Number", "incidents", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_incidents_Status", "incidents", "Status");

        migrationBuilder.CreateTable(
            name: "incidents_persons",
            columns: table => new
            {
                IncidentId = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                AddedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_incidents_persons", x => new { x.IncidentId, x.PersonId }));

        migrationBuilder.CreateTable(
            name: "incidents_timeline",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                IncidentId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Detail = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_incidents_timeline", x => x.Id));
        migrationBuilder.CreateIndex("IX_incidents_timeline_IncidentId_At", "incidents_timeline", ["IncidentId", "At"]);

        migrationBuilder.AddColumn<DateTime>(name: "SuspendedAt", table: "provision_client_companies", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""ALTER TABLE "provision_client_companies" DROP COLUMN "SuspendedAt";""");
        migrationBuilder.DropTable("incidents_timeline");
        migrationBuilder.DropTable("incidents_persons");
        migrationBuilder.DropTable("incidents");
    }
}
