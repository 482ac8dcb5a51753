using System.Text;
using Custodian.Staff;

namespace Custodian.Tests.Staff;

public sealed class Base32Tests
{
    // RFC 4648 section 10, written without padding.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Encodes_the_RFC_4648_test_vectors(string text, string expected)
    {
        Assert.Equal(expected, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(expected)!));
    }

    [Fact]
    public void Decoding_accepts_lower_case_spaces_and_padding()
    {
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32.Decode("mzxw 6ytb oi======")!));
    }

    [Theory]
    [InlineData("MZXW1")]
    [InlineData("MZXW8")]
    [InlineData("MZ-XW")]
    public void Decoding_refuses_characters_outside_the_alphabet(string text)
    {
        Assert.Null(Base32.Decode(text));
    }
}
