using System.Security.Cryptography;
using Custodian.Audit;

namespace Custodian.Tests.Audit;

public sealed class ChainDigestTests
{
    // Around SHA-256's 64-byte block and its 55-byte padding edge, and longer than any event's stack buffer.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(64)]
    [InlineData(119)]
    [InlineData(4096)]
    public void Digest_is_the_framework_sha256(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var digest = new byte[32];

        ChainDigest.Hash(data, digest);

        Assert.Equal(SHA256.HashData(data), digest);
    }
}
