using Custodian.Common;
using Custodian.Gate;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.PrivacyCentre;

/// <summary>Once a person asks, their inquiry is no longer provided to affiliates (group policy, purpose 4).</summary>
internal sealed class AffiliateSharingCheck(IOptions<PrivacyCentreOptions> options) : IGateCheck
{
    public async ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken)
    {
        if (request.Use != GateUse.Provide
            || !options.Value.Contact.TryGetValue(request.Policy.Id, out var setup)
            || setup.AffiliateProvisionPurpose != request.Purpose.Id)
        {
            return null;
        }

        var stopped = await db.Set<Inquiry>().AsNoTracking().AnyAsync(i => i.PersonId == request.Person.Id && i.AffiliateSharingStopped, cancellationToken);
        return stopped ? Failure.Refused("affiliate.stopped", "The person asked to stop provision of their inquiry to affiliates.") : null;
    }
}
