using System.Text;
using Custodian.Staff;
using Custodian.Tests.Support;

namespace Custodian.Tests.Staff;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890".
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Codes_match_the_RFC_6238_SHA1_test_vectors(long unixSeconds, string expected)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(RfcSecret, step, digits: 8));
        Assert.Equal(expected[^6..], Totp.Code(RfcSecret, step));
    }

    [Fact]
    public void A_code_from_one_step_either_side_is_accepted_and_two_steps_away_is_not()
    {
        var clock = new FakeTime(DateTimeOffset.FromUnixTimeSeconds(1234567890));
        var now = Totp.StepAt(clock.GetUtcNow());

        Assert.Equal(now - 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now - 1), clock.GetUtcNow(), 0));
        Assert.Equal(now, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now), clock.GetUtcNow(), 0));
        Assert.Equal(now + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now + 1), clock.GetUtcNow(), 0));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now - 2), clock.GetUtcNow(), 0));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now + 2), clock.GetUtcNow(), 0));
    }

    [Fact]
    public void A_code_of_the_last_accepted_step_or_an_earlier_one_is_a_replay()
    {
        var clock = new FakeTime(DateTimeOffset.FromUnixTimeSeconds(1234567890));
        var now = Totp.StepAt(clock.GetUtcNow());

        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now), clock.GetUtcNow(), lastAcceptedStep: now));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, now - 1), clock.GetUtcNow(), lastAcceptedStep: now));
        Assert.Equal(now + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, now + 1), clock.GetUtcNow(), lastAcceptedStep: now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    [InlineData("-12345")]
    public void Malformed_codes_are_refused(string? code)
    {
        Assert.Null(Totp.Match(RfcSecret, code, DateTimeOffset.FromUnixTimeSeconds(59), 0));
    }

    [Fact]
    public void A_code_typed_with_a_space_in_the_middle_is_accepted()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(59);
        var code = Totp.Code(RfcSecret, Totp.StepAt(at));

        Assert.NotNull(Totp.Match(RfcSecret, code[..3] + " " + code[3..], at, 0));
    }

    [Fact]
    public void The_enrolment_uri_names_issuer_account_and_parameters_and_escapes_them()
    {
        var uri = Totp.EnrolmentUri("Custodian", "ana maría", RfcSecret);

        Assert.Equal(
            "otpauth://totp/Custodian:ana%20mar%C3%ADa?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Custodian&algorithm=SHA1&digits=6&period=30",
            uri);
    }

    [Fact]
    public void New_secrets_are_160_bits_and_differ()
    {
        Assert.Equal(20, Totp.NewSecret().Length);
        Assert.NotEqual(Totp.NewSecret(), Totp.NewSecret());
    }
}
