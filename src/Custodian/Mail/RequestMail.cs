using Custodian.Policy;
using Custodian.Requests;
using Custodian.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Mail;

/// <summary>
/// The requests' messages. They carry the reference, the kind of request and where to follow it, never the status
/// secret (docs/mail.md: it is shown once and only its keyed hash is kept; mail would keep a bearer credential to the
/// whole disclosure in mailboxes and on the wire) nor what the form says: the address typed on a form may be anyone's.
/// </summary>
internal sealed class RequestMail(IMailOutbox outbox, PolicyStore policies, RequestCrypto crypto, IOptions<MailOptions> options) : IRequestNotices
{
    public void Received(CustodianDb db, DataRequest request, RequestForm form)
    {
        if (!string.IsNullOrWhiteSpace(form.Email))
        {
            Stage(db, request, "request-received", form.Email.Trim(), Values(request));
        }
    }

    public void DocumentsNeeded(CustodianDb db, DataRequest request, string reason)
    {
        if (AddressOf(request) is { } to)
        {
            var values = Values(request);
            values["reason"] = reason;
            Stage(db, request, "request-documents-needed", to, values);
        }
    }

    public void Answered(CustodianDb db, DataRequest request)
    {
        if (AddressOf(request) is { } to)
        {
            Stage(db, request, "request-answered", to, Values(request));
        }
    }

    public void Reminder(CustodianDb db, ReminderRow reminder, string policyId)
    {
        var settings = options.Value;
        var policy = policies.Find(policyId) ?? policies.Default;
        var values = new Dictionary<string, string>
        {
            ["reference"] = reminder.Reference,
            ["type"] = Term(policy, reminder.Type, settings.StaffLanguage),
            ["due"] = reminder.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["days"] = reminder.BusinessDaysBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["link"] = settings.SiteUrl.TrimEnd('/') + "/console/requests/" + reminder.RequestId,
        };
        foreach (var to in settings.PrivacyOffice)
        {
            Expect(outbox.Stage(db, new OutgoingMail("request-deadline-reminder", settings.StaffLanguage, to, RecipientKind.Staff, values, RequestId: reminder.RequestId)));
        }
    }

    // Later messages go to the address on the form; once the form is disposed of there is none, and nothing is sent.
    private string? AddressOf(DataRequest request) =>
        request.SealedForm is null ? null : crypto.OpenForm(request)?.Email is { Length: > 0 } email ? email.Trim() : null;

    private void Stage(CustodianDb db, DataRequest request, string template, string to, Dictionary<string, string> values)
    {
        if (!MailAddresses.IsValid(to))
        {
            return; // The form took what was typed; a message to no address is not sent rather than refusing the request.
        }

        Expect(outbox.Stage(db, new OutgoingMail(template, request.Language, to, RecipientKind.Requester, values, request.PersonId, request.Id)));
    }

    private Dictionary<string, string> Values(DataRequest request)
    {
        var policy = policies.Find(request.PolicyId) ?? policies.Default;
        var contact = policy.Operator.ContactPoints.FirstOrDefault();
        return new Dictionary<string, string>
        {
            ["reference"] = request.Reference,
            ["type"] = Term(policy, request.Type, request.Language),
            ["received"] = request.ReceivedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["link"] = options.Value.SiteUrl.TrimEnd('/') + "/privacy/requests/status",
            ["operator"] = policy.Operator.Name,
            ["contact"] = contact is null ? "" : string.Join(", ", new[] { contact.Name, contact.Email, contact.Telephone }.Where(s => !string.IsNullOrEmpty(s))),
        };
    }

    private static string Term(PrivacyPolicy policy, string id, string language) => policy.Terms.TryGetValue(id, out var text) ? text[language] : id;

    // The templates ship with the code: a message they cannot render is a defect, not bad input.
    private static void Expect(Common.Result<Guid> staged)
    {
        if (staged.Failure is { } failure)
        {
            throw new InvalidOperationException($"A mail template failed: {failure.Code}.");
        }
    }
}
