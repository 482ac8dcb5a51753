using System.Xml.Linq;
using Custodian.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Host;

/// <summary>
/// Cookie and antiforgery keys live in the database, their secrets sealed with a sub-key of the key-encryption key,
/// under one application name: every server of a deployment opens the others' cookies, and nothing is kept in the
/// home folder, where the framework would put them unprotected.
/// </summary>
internal static class DataProtectionKeys
{
    public const string ApplicationName = "custodian";

    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseXmlRepository, IServiceProvider>((o, repository, provider) =>
        {
            o.XmlRepository = repository;
            o.XmlEncryptor = new SealedXmlEncryptor(provider);
        });
        return services;
    }
}

/// <summary>The key ring's rows; the framework calls it rarely (start, key creation, refresh), so it is synchronous as asked.</summary>
internal sealed class DatabaseXmlRepository(IDbContextFactory<CustodianDb> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return [.. db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.Add(new DataProtectionKey { Id = Guid.NewGuid(), FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
