using System.Text;
using System.Xml.Linq;
using Custodian.Vault.Keys;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Custodian.Server.Host;

/// <summary>
/// Seals a Data Protection key's secret with AES-256-GCM under the "data-protection" sub-key of the key-encryption key,
/// so a copy of the database alone opens no cookie.
/// </summary>
internal sealed class SealedXmlEncryptor(IServiceProvider services) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedData = Aead.Seal(SealedXml.Key(services), plaintext, SealedXml.AssociatedData);
        return new EncryptedXmlInfo(new XElement(SealedXml.Element, Convert.ToBase64String(sealedData)), typeof(SealedXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="SealedXmlEncryptor"/> sealed; the framework creates it by type with the services.</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var plaintext = Aead.Open(SealedXml.Key(services), Convert.FromBase64String(encryptedElement.Value), SealedXml.AssociatedData)
            ?? throw new InvalidOperationException("A Data Protection key does not open with this key file's sub-key.");
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

internal static class SealedXml
{
    public const string Element = "sealed";
    public static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("custodian:data-protection-key");

    public static byte[] Key(IServiceProvider services) => services.GetRequiredService<KeyBootstrap>().Provider.DeriveKey("data-protection");
}
