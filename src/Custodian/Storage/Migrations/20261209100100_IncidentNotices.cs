using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Incidents: who was told of an incident when and how, and the public notices on the privacy centre.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261209100100_IncidentNotices")]
public sealed class IncidentNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "incidents_notices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                IncidentId = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Channel = table.Column<string>(nullable: false),
                Language = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                OutboxId = table.Column<Guid>(nullable: true),
                Actor = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_incidents_notices", x => x.Id));
        migrationBuilder.CreateIndex("IX_incidents_notices_IncidentId_PersonId", "incidents_notices", ["IncidentId", "PersonId"], unique: true);

        migrationBuilder.CreateTable(
            name: "incidents_public_notices",
            columns: table => new
            {
                IncidentId = table.Column<Guid>(nullable: false),
                TextJa = table.Column<string>(nullable: true),
                TextEn = table.Column<string>(nullable: true),
                TextEs = table.Column<string>(nullable: true),
                PublishedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                WithdrawnAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_incidents_public_notices", x => x.IncidentId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("incidents_public_notices");
        migrationBuilder.DropTable("incidents_notices");
    }
}
