using Custodian.Storage;

namespace Custodian.Requests;

/// <summary>
/// Tells people what happened to a request, staged in the same transaction as the change (the mail module's outbox,
/// src/Custodian/Mail). Without the mail module nothing is sent.
/// </summary>
internal interface IRequestNotices
{
    /// <summary>The request is received: its reference, to the address typed on the form.</summary>
    void Received(CustodianDb db, DataRequest request, RequestForm form);

    /// <summary>A document was not accepted: another is needed.</summary>
    void DocumentsNeeded(CustodianDb db, DataRequest request, string reason);

    /// <summary>The request has its answer (fulfilled, refused or partly refused).</summary>
    void Answered(CustodianDb db, DataRequest request);

    /// <summary>A response falls due in a few business days: to the privacy office.</summary>
    void Reminder(CustodianDb db, ReminderRow reminder, string policyId);
}

internal sealed class NoRequestNotices : IRequestNotices
{
    public void Received(CustodianDb db, DataRequest request, RequestForm form)
    {
    }

    public void DocumentsNeeded(CustodianDb db, DataRequest request, string reason)
    {
    }

    public void Answered(CustodianDb db, DataRequest request)
    {
    }

    public void Reminder(CustodianDb db, ReminderRow reminder, string policyId)
    {
    }
}
