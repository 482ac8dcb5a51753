using System.Security.Cryptography;
using System.Text;
using Custodian.Tests.Support;
using Custodian.Vault;

namespace Custodian.Tests.Vault;

public sealed class BlindIndexTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Theory]
    [InlineData("email", "ana.torres@example.com")]
    [InlineData("telephone", "+524425550101")]
    [InlineData("email", "ñandú.pérez@ejemplo.mx")]
    public void A_digest_is_the_keyed_MAC_of_kind_newline_value_so_stored_indexes_keep_matching(string kind, string value)
    {
        var expected = HMACSHA256.HashData(_database.Keys.DeriveKey("blind-index"), Encoding.UTF8.GetBytes(kind + "\n" + value));

        Assert.Equal(expected, new VaultCrypto(_database.Keys).BlindIndex(kind, value));
    }

    [Fact]
    public void A_value_longer_than_the_stack_buffer_gets_the_same_digest_as_any_other()
    {
        var value = new string('é', 400) + "@example.com";
        var expected = HMACSHA256.HashData(_database.Keys.DeriveKey("blind-index"), Encoding.UTF8.GetBytes("email\n" + value));

        Assert.Equal(expected, new VaultCrypto(_database.Keys).BlindIndex("email", value));
    }

    public void Dispose() => _database.Dispose();
}
