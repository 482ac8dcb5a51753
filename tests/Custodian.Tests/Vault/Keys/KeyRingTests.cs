using System.Text.Json.Nodes;
using Custodian.Tests.Support;
using Custodian.Vault.Keys;
using Microsoft.Extensions.Options;

namespace Custodian.Tests.Vault.Keys;

/// <summary>
/// The key files across rotations: sub-keys carried over unchanged, the key check following the key itself, and a new key
/// accepted only as the named successor of the key the database knows.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private FileKeyProvider Keys => (FileKeyProvider)_database.Keys;

    private KeyBootstrap Start() => new(Options.Create(_database.Options), _database.Factory, TimeProvider.System);

    [Fact]
    public void Every_sub_key_is_the_same_after_two_rotations_and_the_key_check_is_not()
    {
        var before = KeyUses.All.ToDictionary(use => use, Keys.DeriveKey);
        var checks = new List<byte[]> { Keys.CheckValue() };

        Keys.StartRotation();
        checks.Add(Keys.CheckValue());
        Keys.StartRotation();
        checks.Add(Keys.CheckValue());

        Assert.All(KeyUses.All, use => Assert.Equal(before[use], Keys.DeriveKey(use)));
        Assert.Equal(3, checks.Select(Convert.ToBase64String).Distinct().Count());
        Assert.Equal(2, Keys.Ring.Retired.Count);
    }

    [Fact]
    public void Keys_an_import_sealed_before_a_rotation_in_another_process_are_wrapped_again_under_the_new_key_before_they_are_written()
    {
        var crypto = new Custodian.Vault.VaultCrypto(Keys);
        var oldKeyId = Keys.KeyId;
        var sealedAhead = Enumerable.Range(0, 3).Select(_ => crypto.NewKeyForBatch(Guid.CreateVersion7())).ToList();
        var otherProcess = FileKeyProvider.Open(FileKeyProvider.PathIn(_database.Directory), mayCreate: false).Provider!;
        otherProcess.StartRotation();
        // Sealing does not look at the key file per key: this one, too, is wrapped under the key it saw last.
        sealedAhead.Add(crypto.NewKeyForBatch(Guid.CreateVersion7()));
        Assert.All(sealedAhead, k => Assert.Equal(oldKeyId, k.Key.KeyId));

        var rewrapped = crypto.RewrapStale(sealedAhead.Select(k => k.Key));

        Assert.Equal(4, rewrapped);
        Assert.All(sealedAhead, k =>
        {
            Assert.Equal(otherProcess.KeyId, k.Key.KeyId);
            Assert.Equal(k.DataKey, Aead.Open(otherProcess.Ring.Active.Aes, k.Key.Wrapped, Custodian.Vault.VaultCrypto.Aad(k.Key.PersonId)));
        });
        Assert.Equal(0, crypto.RewrapStale(sealedAhead.Select(k => k.Key)));
    }

    [Fact]
    public void A_sub_key_use_not_declared_is_refused_so_no_rotation_can_drop_it()
    {
        var refused = Assert.Throws<ArgumentException>(() => Keys.DeriveKey("something-new"));

        Assert.Contains("not declared in KeyUses", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_before_a_rotation_restored_or_stopped_early_still_starts_and_opens_with_the_retired_key()
    {
        var oldKeyId = Keys.KeyId;
        var wrapped = Keys.Wrap(new byte[32], "person"u8);

        Keys.StartRotation();
        var start = Start();

        Assert.NotEqual(oldKeyId, start.Provider.KeyId);
        Assert.Equal(new byte[32], start.Provider.Unwrap(oldKeyId, wrapped, "person"u8));
        Assert.Null(start.CheckKeyFile());
    }

    [Fact]
    public async Task A_rotated_key_file_with_one_bit_flipped_is_refused_although_its_predecessor_is_retired_beside_it()
    {
        Keys.StartRotation();
        var keyFile = FileKeyProvider.PathIn(_database.Directory);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken))!;
        var key = Convert.FromBase64String(json["key"]!.GetValue<string>());
        key[3] ^= 0x01;
        json["key"] = Convert.ToBase64String(key);
        await File.WriteAllTextAsync(keyFile, json.ToJsonString(), TestContext.Current.CancellationToken);

        var refused = Assert.Throws<KeyFileException>(() => Start().Provider);

        Assert.Contains("does not open this database's data", refused.Message, StringComparison.Ordinal);
        Assert.Equal("the key file no longer holds the key in use", Keys.CheckFile());
    }

    public void Dispose() => _database.Dispose();
}
