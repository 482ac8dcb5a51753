using System.Security.Cryptography;

namespace Custodian.Vault.Keys;

/// <summary>AES-256-GCM with a random 96-bit nonce; the output is nonce ‖ ciphertext ‖ tag.</summary>
internal static class Aead
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Seal(aes, plaintext, associatedData);
    }

    /// <summary>With a key already set up: for a key that seals many times (the key-encryption key).</summary>
    public static byte[] Seal(AesGcm aes, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomBytes.Fill(nonce);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Open(aes, sealedData, associatedData);
    }

    /// <summary>With a key already set up: for a key that opens on every read (the key-encryption key).</summary>
    public static byte[]? Open(AesGcm aes, ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            return null;
        }

        var length = sealedData.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            aes.Decrypt(sealedData[..NonceSize], sealedData.Slice(NonceSize, length), sealedData[(NonceSize + length)..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
