using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Browser.Tests;

/// <summary>
/// The real server on Kestrel at a free loopback port, over a data folder of its own, with the first
/// administrator's password set the way an operator sets it (<c>CUSTODIAN_ADMIN_PASSWORD</c>).
/// </summary>
public class CustodianServer : WebApplicationFactory<Program>
{
    public const string AdminPassword = "browser-test admin password";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "custodian-browser-" + Guid.NewGuid().ToString("N"));

    public CustodianServer() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = default!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production: the start-up path an operator runs, without the development-only service checks.
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", _dataFolder);
        builder.UseSetting("CUSTODIAN_ADMIN_PASSWORD", AdminPassword);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataFolder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
