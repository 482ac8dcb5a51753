using System.Net;
using Custodian.PrivacyCentre;

namespace Custodian.Tests.PrivacyCentre;

public sealed class AnonymizedAddressTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12:3456:789a:bcde:f012", "2001:db8:abcd::/48")]
    [InlineData("::1", "::/48")]
    public void Only_the_network_of_an_address_is_kept(string address, string expected) =>
        Assert.Equal(expected, AnonymizedAddress.Of(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_stored_as_empty() => Assert.Equal("", AnonymizedAddress.Of(null));
}
