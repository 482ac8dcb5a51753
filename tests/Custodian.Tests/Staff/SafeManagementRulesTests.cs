using System.Net;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class SafeManagementRulesTests
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("qwertyuiop12")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("welcomewelcome")]
    public void Common_and_patterned_passwords_are_refused(string password) =>
        Assert.Equal("staff.password-common", StaffPasswords.Check(password)?.Code);

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("a long company password")]
    [InlineData("tangerine-orbit-57-kettle")]
    public void Uncommon_long_passwords_are_accepted(string password) => Assert.Null(StaffPasswords.Check(password));

    [Fact]
    public void Short_passwords_are_refused() => Assert.Equal("staff.password-length", StaffPasswords.Check("short1!")?.Code);

    [Theory]
    [InlineData("last-four", "+52 442 123 4567", "••••••••••••4567")]
    [InlineData("year-only", "1994-03-12", "1994")]
    [InlineData("initials", "María López", "M. L.")]
    [InlineData("hidden", "anything", null)]
    public void Masks_show_only_what_the_mode_allows(string mode, string value, string? expected) =>
        Assert.Equal(expected, ViewModes.Apply(ViewModes.ByName[mode], value));

    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.9", true)]
    [InlineData("198.51.100.0/24", "::ffff:198.51.100.9", true)]
    [InlineData("198.51.100.0/24", "203.0.113.1", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("", "203.0.113.1", true)]
    public void Allow_lists_match_ipv4_and_ipv6(string list, string address, bool allowed) =>
        Assert.Equal(allowed, Networks.Allows(list, IPAddress.Parse(address)));
}
