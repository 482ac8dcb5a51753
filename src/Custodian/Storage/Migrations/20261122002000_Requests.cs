using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122002000_Requests")]
public sealed class Requests : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "requests_requests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Reference = table.Column<string>(nullable: false),
                SecretHash = table.Column<byte[]>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                Type = table.Column<string>(nullable: false),
                Requester = table.Column<int>(nullable: false),
                PersonId = table.Column<Guid>(nullable: true),
                Channel = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                Language = table.Column<string>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                ClockStartedAt = table.Column<DateTime>(nullable: true),
                DueOn = table.Column<DateOnly>(nullable: true),
                PausedSince = table.Column<DateTime>(nullable: true),
                ExtendedBusinessDays = table.Column<int>(nullable: false),
                ExtensionReason = table.Column<string>(nullable: true),
                RefusalGrounds = table.Column<string>(nullable: true),
                RespondedAt = table.Column<DateTime>(nullable: true),
                ClosedAt = table.Column<DateTime>(nullable: true),
                LinkedRequests = table.Column<int>(nullable: false),
                KeyId = table.Column<string>(nullable: false),
                WrappedKey = table.Column<byte[]>(nullable: false),
                SealedForm = table.Column<byte[]>(nullable: true),
                FormDisposedAt = table.Column<DateTime>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_requests_requests", x => x.Id));
        migrationBuilder.CreateIndex("IX_requests_requests_Reference", "requests_requests", "Reference", unique: true);
        migrationBuilder.CreateIndex("IX_requests_requests_PersonId_Type", "requests_requests", ["PersonId", "Type"]);
        migrationBuilder.CreateIndex("IX_requests_requests_State_DueOn", "requests_requests", ["State", "DueOn"]);

        migrationBuilder.CreateTable(
            name: "requests_documents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RequestId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(nullable: false),
                Holder = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(nullable: false),
                Length = table.Column<long>(nullable: false),
                State = table.Column<int>(nullable: false),
                RejectionReason = table.Column<string>(nullable: true),
                UploadedAt = table.Column<DateTime>(nullable: false),
                ReviewedAt = table.Column<DateTime>(nullable: true),
                Sealed = table.Column<byte[]>(nullable: true),
                DisposedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_requests_documents", x => x.Id));
        migrationBuilder.CreateIndex("IX_requests_documents_RequestId", "requests_documents", "RequestId");

        migrationBuilder.CreateTable(
            name: "requests_clock_events",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                RequestId = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                BusinessDays = table.Column<int>(nullable: false),
                Reason = table.Column<string>(nullable: true),
                DueOn = table.Column<DateOnly>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_requests_clock_events", x => x.Id));
        migrationBuilder.CreateIndex("IX_requests_clock_events_RequestId", "requests_clock_events", "RequestId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("requests_clock_events");
        migrationBuilder.DropTable("requests_documents");
        migrationBuilder.DropTable("requests_requests");
    }
}
