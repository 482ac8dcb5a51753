using Custodian.Storage;

namespace Custodian.Provision;

/// <summary>Tells client companies of withdrawn entries by mail, in the withdrawal's transaction (src/Custodian/Mail).</summary>
internal interface ICompanyNotices
{
    Task WithdrawnAsync(CustodianDb db, IReadOnlyList<Entry> entries, string reason, CancellationToken cancellationToken);
}

internal sealed class NoCompanyNotices : ICompanyNotices
{
    public Task WithdrawnAsync(CustodianDb db, IReadOnlyList<Entry> entries, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
