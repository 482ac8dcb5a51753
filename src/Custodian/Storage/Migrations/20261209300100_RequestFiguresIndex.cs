using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>
/// The home page counts open requests by policy, due date and pause from one index, without visiting the 10,000
/// rows themselves: the index holds every column the count reads.
/// </summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261209300100_RequestFiguresIndex")]
public sealed class RequestFiguresIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_requests_requests_State_PolicyId_DueOn_PausedSince", "requests_requests", ["State", "PolicyId", "DueOn", "PausedSince"]);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropIndex("IX_requests_requests_State_PolicyId_DueOn_PausedSince", "requests_requests");
}
