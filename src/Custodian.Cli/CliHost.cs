using Custodian.Audit;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Cli;

/// <summary>
/// The services a command needs, configured like the server: <c>Storage__DataDirectory</c>,
/// <c>ConnectionStrings__Custodian</c> and the other keys come from the environment or <c>--data</c>.
/// </summary>
internal static class CliHost
{
    public static IHost Build(string? dataDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = false });
        if (dataDirectory is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Storage:DataDirectory", dataDirectory)]);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddAudit(builder.Configuration);
        builder.Services.AddVault();
        return builder.Build();
    }
}
