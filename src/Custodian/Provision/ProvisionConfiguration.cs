using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Provision;

internal sealed class ClientCompanyConfiguration : IEntityTypeConfiguration<ClientCompany>
{
    public void Configure(EntityTypeBuilder<ClientCompany> builder)
    {
        builder.ToTable("provision_client_companies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
    }
}

internal sealed class CompanyUserConfiguration : IEntityTypeConfiguration<CompanyUser>
{
    public void Configure(EntityTypeBuilder<CompanyUser> builder)
    {
        builder.ToTable("provision_company_users");
        builder.HasKey(u => u.StaffAccountId);
        builder.Property(u => u.StaffAccountId).ValueGeneratedNever();
        builder.HasIndex(u => u.CompanyId);
    }
}

internal sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> builder)
    {
        builder.ToTable("provision_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        // Concurrent entries for the same person and company: the database keeps exactly one.
        builder.HasIndex(e => new { e.PersonId, e.CompanyId }).IsUnique();
        builder.HasIndex(e => e.CompanyId);
    }
}

internal sealed class CompanyNoticeConfiguration : IEntityTypeConfiguration<CompanyNotice>
{
    public void Configure(EntityTypeBuilder<CompanyNotice> builder)
    {
        builder.ToTable("provision_company_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasIndex(n => n.CompanyId);
    }
}

internal sealed class ProvisionRecordConfiguration : IEntityTypeConfiguration<ProvisionRecord>
{
    public void Configure(EntityTypeBuilder<ProvisionRecord> builder)
    {
        builder.ToTable("provision_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.PersonId);
        builder.HasIndex(r => r.CompanyId);
    }
}

internal sealed class ProvisionReceiptConfiguration : IEntityTypeConfiguration<ProvisionReceipt>
{
    public void Configure(EntityTypeBuilder<ProvisionReceipt> builder)
    {
        builder.ToTable("provision_receipts");
        builder.HasKey(r => r.ProvisionRecordId);
        builder.Property(r => r.ProvisionRecordId).ValueGeneratedNever();
    }
}

internal sealed class ProvisionRequestConfiguration : IEntityTypeConfiguration<ProvisionRequest>
{
    public void Configure(EntityTypeBuilder<ProvisionRequest> builder)
    {
        builder.ToTable("provision_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // Two approvers deciding at once: the second update finds the decision taken and is refused.
        builder.Property(r => r.ApprovedBy).IsConcurrencyToken();
        builder.Property(r => r.RejectedBy).IsConcurrencyToken();
        builder.Ignore(r => r.State);
    }
}

internal sealed class ConsigneeConfiguration : IEntityTypeConfiguration<Consignee>
{
    public void Configure(EntityTypeBuilder<Consignee> builder)
    {
        builder.ToTable("provision_consignees");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.TokenId);
    }
}

internal sealed class ConsigneeSupervisionConfiguration : IEntityTypeConfiguration<ConsigneeSupervision>
{
    public void Configure(EntityTypeBuilder<ConsigneeSupervision> builder)
    {
        builder.ToTable("provision_consignee_supervisions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.ConsigneeId);
    }
}

internal sealed class JointUseNoticeConfiguration : IEntityTypeConfiguration<JointUseNotice>
{
    public void Configure(EntityTypeBuilder<JointUseNotice> builder)
    {
        builder.ToTable("provision_joint_use_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
    }
}
