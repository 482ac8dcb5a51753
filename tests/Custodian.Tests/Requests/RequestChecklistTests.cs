using Custodian.Requests;
using Custodian.Tests.Policy;

namespace Custodian.Tests.Requests;

public sealed class RequestChecklistTests
{
    [Fact]
    public void An_attorney_encloses_the_policys_proof_of_authority_and_an_identity_document_of_their_own()
    {
        var policy = PolicyFilesTests.Load("leverages-career-mexico");

        var lines = RequestChecklist.For(policy, Requester.DeputedRepresentative);

        Assert.Equal(3, lines.Count);
        Assert.Equal(
            [RequestChecklist.PersonHolder, RequestChecklist.RepresentativeHolder, RequestChecklist.RepresentativeHolder],
            lines.Select(l => l.Holder));
        Assert.Equal(policy.Requests.IdentityDocuments, lines[0].Kinds);
        Assert.Equal(["proxy"], lines[1].Kinds);
        Assert.Equal(["legal-authority"], RequestChecklist.For(policy, Requester.LegalRepresentative)[1].Kinds);
        Assert.Equal(policy.Requests.IdentityDocuments, lines[2].Kinds);
    }

    [Fact]
    public void A_policy_that_names_no_attorney_documents_takes_requests_from_the_person_only()
    {
        Assert.Equal([Requester.Person], RequestChecklist.Requesters(PolicyFilesTests.Load("leverages-group")));
        Assert.Equal(
            [Requester.Person, Requester.LegalRepresentative, Requester.DeputedRepresentative],
            RequestChecklist.Requesters(PolicyFilesTests.Load("leverages-career-mexico")));
    }
}
