using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Several servers on one database: the per-address limits count here (see <see cref="Storage.AddressCounts"/>).</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261211500100_AddressCounts")]
public sealed class AddressCountRows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "storage_address_counts",
            columns: table => new
            {
                Key = table.Column<string>(nullable: false),
                WindowEnds = table.Column<long>(nullable: false),
                Count = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_storage_address_counts", x => x.Key));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("storage_address_counts");
}
