using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// The log's index by person goes. Nothing looked events up by person, and every read's event put one more
/// page of it, at a random place, into the commit the reader waits for: on SQLite a group of nine reads wrote
/// about fourteen log pages instead of three (docs/benchmarks.md).
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261202000100_AuditWithoutPersonIndex")]
public sealed class AuditWithoutPersonIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_audit_events_PersonId_Seq", "audit_events");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_audit_events_PersonId_Seq", "audit_events", ["PersonId", "Seq"]);
}
