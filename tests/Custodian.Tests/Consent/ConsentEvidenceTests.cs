using System.Net;
using Custodian.Consent;

namespace Custodian.Tests.Consent;

public sealed class ConsentEvidenceTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.0")]
    [InlineData("2001:db8:abcd:12:34:56:78:9a", "2001:db8:abcd::")]
    public void Address_keeps_only_the_network(string address, string anonymized) =>
        Assert.Equal(anonymized, ConsentEvidence.Anonymize(IPAddress.Parse(address)));

    [Fact]
    public void Missing_address_and_blank_user_agent_stay_empty()
    {
        Assert.Null(ConsentEvidence.Anonymize(null));
        Assert.Null(ConsentEvidence.TrimUserAgent("  "));
        Assert.Equal(ConsentEvidence.MaxUserAgent, ConsentEvidence.TrimUserAgent(new string('x', 1000))!.Length);
    }

    [Fact]
    public void Text_hash_is_lower_case_sha256_hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ConsentEvidence.HashOf("abc"));
    }
}
