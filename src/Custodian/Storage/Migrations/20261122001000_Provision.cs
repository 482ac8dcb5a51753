using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

[DbContext(typeof(CustodianDb))]
[Migration("20261122001000_Provision")]
public sealed class Provision : Migration
{
    private static readonly string[] Tables =
    [
        "provision_client_companies", "provision_company_users", "provision_entries", "provision_company_notices", "provision_records",
        "provision_receipts", "provision_requests", "provision_consignees", "provision_consignee_supervisions", "provision_joint_use_notices",
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "provision_client_companies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Industry = table.Column<string>(nullable: false),
                Country = table.Column<string>(nullable: false),
                ContractSignedAt = table.Column<DateTime>(nullable: true),
                ContractDocument = table.Column<string>(nullable: true),
                ContractExpiresAt = table.Column<DateTime>(nullable: true),
                SameCareAgreedAt = table.Column<DateTime>(nullable: true),
                SameCareDocument = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_client_companies", x => x.Id));

        migrationBuilder.CreateTable(
            name: "provision_company_users",
            columns: table => new
            {
                StaffAccountId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_company_users", x => x.StaffAccountId));
        migrationBuilder.CreateIndex("IX_provision_company_users_CompanyId", "provision_company_users", "CompanyId");

        migrationBuilder.CreateTable(
            name: "provision_entries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                State = table.Column<int>(nullable: false),
                ConsentRecordId = table.Column<Guid>(nullable: false),
                ProvisionRecordId = table.Column<Guid>(nullable: false),
                EnteredAt = table.Column<DateTime>(nullable: false),
                WithdrawnAt = table.Column<DateTime>(nullable: true),
                WithdrawnReason = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_provision_entries", x => x.Id));
        migrationBuilder.CreateIndex("IX_provision_entries_PersonId_CompanyId", "provision_entries", ["PersonId", "CompanyId"], unique: true);
        migrationBuilder.CreateIndex("IX_provision_entries_CompanyId", "provision_entries", "CompanyId");

        migrationBuilder.CreateTable(
            name: "provision_company_notices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                EntryId = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_company_notices", x => x.Id));
        migrationBuilder.CreateIndex("IX_provision_company_notices_CompanyId", "provision_company_notices", "CompanyId");

        migrationBuilder.CreateTable(
            name: "provision_records",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                RecipientKind = table.Column<string>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: true),
                RecipientName = table.Column<string>(nullable: true),
                Items = table.Column<string>(nullable: false),
                Method = table.Column<string>(nullable: false),
                ConsentRecordId = table.Column<Guid>(nullable: true),
                Ground = table.Column<string>(nullable: true),
                Reason = table.Column<string>(nullable: true),
                AuthorityReference = table.Column<string>(nullable: true),
                RequestedBy = table.Column<string>(nullable: false),
                ApprovedBy = table.Column<string>(nullable: true),
                PolicyId = table.Column<string>(nullable: false),
                PolicyVersion = table.Column<string>(nullable: false),
                BatchId = table.Column<Guid>(nullable: true),
                ProvidedAt = table.Column<DateTime>(nullable: false),
                KeepUntil = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_records", x => x.Id));
        migrationBuilder.CreateIndex("IX_provision_records_PersonId", "provision_records", "PersonId");
        migrationBuilder.CreateIndex("IX_provision_records_CompanyId", "provision_records", "CompanyId");

        migrationBuilder.CreateTable(
            name: "provision_receipts",
            columns: table => new
            {
                ProvisionRecordId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                ReceivedBy = table.Column<string>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_receipts", x => x.ProvisionRecordId));

        migrationBuilder.CreateTable(
            name: "provision_requests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PersonId = table.Column<Guid>(nullable: false),
                Recipient = table.Column<string>(nullable: false),
                Ground = table.Column<string>(nullable: false),
                Reason = table.Column<string>(nullable: false),
                AuthorityReference = table.Column<string>(nullable: true),
                Items = table.Column<string>(nullable: false),
                Method = table.Column<string>(nullable: false),
                RequestedBy = table.Column<string>(nullable: false),
                RequestedAt = table.Column<DateTime>(nullable: false),
                ApprovedBy = table.Column<string>(nullable: true),
                ProvisionRecordId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_provision_requests", x => x.Id));

        migrationBuilder.CreateTable(
            name: "provision_consignees",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Purposes = table.Column<string>(nullable: false),
                Items = table.Column<string>(nullable: false),
                Checklist = table.Column<string>(nullable: false),
                SelectedBy = table.Column<string>(nullable: false),
                SelectedAt = table.Column<DateTime>(nullable: false),
                TokenId = table.Column<Guid>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_provision_consignees", x => x.Id));
        migrationBuilder.CreateIndex("IX_provision_consignees_TokenId", "provision_consignees", "TokenId");

        migrationBuilder.CreateTable(
            name: "provision_consignee_supervisions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ConsigneeId = table.Column<Guid>(nullable: false),
                Satisfactory = table.Column<bool>(nullable: false),
                Findings = table.Column<string>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_consignee_supervisions", x => x.Id));
        migrationBuilder.CreateIndex("IX_provision_consignee_supervisions_ConsigneeId", "provision_consignee_supervisions", "ConsigneeId");

        migrationBuilder.CreateTable(
            name: "provision_joint_use_notices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PolicyId = table.Column<string>(nullable: false),
                Change = table.Column<string>(nullable: false),
                NoticeAt = table.Column<DateTime>(nullable: false),
                EffectiveAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_provision_joint_use_notices", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables.Reverse())
        {
            migrationBuilder.DropTable(table);
        }
    }
}
