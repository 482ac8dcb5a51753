using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Custodian.Storage.Migrations;

/// <summary>Mail: the durable outbox, and the client companies' notices addresses.</summary>
[DbContext(typeof(CustodianDb))]
[Migration("20261208200100_Mail")]
public sealed class Mail : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "mail_outbox",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Template = table.Column<string>(nullable: false),
                Language = table.Column<string>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                PersonId = table.Column<Guid>(nullable: true),
                RequestId = table.Column<Guid>(nullable: true),
                CompanyId = table.Column<Guid>(nullable: true),
                State = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                SentAt = table.Column<DateTime>(nullable: true),
                KeyId = table.Column<string>(nullable: false),
                WrappedKey = table.Column<byte[]>(nullable: false),
                Sealed = table.Column<byte[]>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_mail_outbox", x => x.Id));
        migrationBuilder.CreateIndex("IX_mail_outbox_State_NextAttemptAt", "mail_outbox", ["State", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_mail_outbox_PersonId", "mail_outbox", "PersonId");
        migrationBuilder.CreateIndex("IX_mail_outbox_RequestId", "mail_outbox", "RequestId");

        migrationBuilder.CreateTable(
            name: "mail_contacts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Language = table.Column<string>(nullable: false),
                KeyId = table.Column<string>(nullable: false),
                WrappedKey = table.Column<byte[]>(nullable: false),
                Sealed = table.Column<byte[]>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_mail_contacts", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("mail_contacts");
        migrationBuilder.DropTable("mail_outbox");
    }
}
