using Custodian.Policy;
using Custodian.Requests;
using Custodian.Server.Components.Language;

namespace Custodian.Server.Components.StaffConsole;

/// <summary>
/// A request's type and state as a person reads them, in the page's language: the type in the policy's own terms
/// (the words its notice uses), the state from the console's words. The ids stay in data attributes only.
/// </summary>
internal static class RequestWords
{
    public static string Type(PrivacyPolicy? policy, string type, string language) =>
        policy is not null && policy.Terms.TryGetValue(type, out var text) ? text[language] : type;

    public static string State(ConsoleText text, RequestState state) => text[state switch
    {
        RequestState.Received => "received",
        RequestState.AwaitingDocuments => "awaiting documents",
        RequestState.Verified => "identity verified",
        RequestState.InProgress => "in progress",
        RequestState.Fulfilled => "fulfilled",
        RequestState.Refused => "refused",
        RequestState.PartlyRefused => "partly refused",
        _ => "closed",
    }];

    public static string Requester(ConsoleText text, Requester requester) => text[requester switch
    {
        Custodian.Requests.Requester.LegalRepresentative => "a legal representative",
        Custodian.Requests.Requester.DeputedRepresentative => "a deputed representative (attorney)",
        _ => "the person themselves",
    }];
}
