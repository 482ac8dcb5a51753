using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Several servers on one database: the scheduled work runs on the one holding this lease (see <see cref="Storage.SchedulerLease"/>).</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261210400100_SchedulerLease")]
public sealed class SchedulerLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "storage_leases",
            columns: table => new
            {
                Name = table.Column<string>(nullable: false),
                Holder = table.Column<string>(nullable: false),
                ExpiresAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_storage_leases", x => x.Name));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("storage_leases");
}
