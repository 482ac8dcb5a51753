using Custodian.Audit;

namespace Custodian.Incidents.Affected;

/// <summary>
/// Which chained events count as an actor having used a person's data. Only allowed events count: a refused one
/// (the gate said no, or the person was erased first) returned nothing. Writes (registering, correcting, erasing)
/// and events that name no person (a campaign export's total, a release's download) are left out: the uses behind
/// them are chained one person at a time as the gate events listed here.
/// </summary>
internal static class UsesOfData
{
    /// <summary>The event types that are uses, when allowed.</summary>
    public static readonly AuditEventType[] Types =
    [
        // The gate's uses: read, provided to a third party (also a company user's view), released, disclosed, exported.
        AuditEventType.PersonRead, AuditEventType.PersonProvided, AuditEventType.PersonReleased, AuditEventType.PersonDisclosed, AuditEventType.PersonExported,
        // A look-up by e-mail or telephone that found the person: the actor learned that the address is held here.
        AuditEventType.PersonLookedUp,
        // An entry recorded as a provision to a client company, and the company's receipt of it.
        AuditEventType.EntryProvisionRecorded, AuditEventType.ProvisionReceived,
        // An inquiry shared with a group company.
        AuditEventType.InquirySharedWithAffiliate,
    ];
}
