using System.CommandLine;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Staff;

/// <summary><c>custodian token create --name NAME [--purpose P]...</c>: a credential for a service, its secret shown once.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. the service's name", Required = true };
        var purposes = new Option<string[]>("--purpose")
        {
            Description = "A purpose of use the token is entrusted with; repeat for several; none means every purpose",
        };
        var create = new Command("create", "Create an API token; its secret is printed once and only its hash is kept");
        create.Options.Add(name);
        create.Options.Add(purposes);
        create.Options.Add(CliOutput.DataOption);
        create.SetAction((parse, cancellationToken) =>
            CreateAsync(
                parse.GetValue(name)!, parse.GetValue(purposes) ?? [], parse.Out(), parse.Error(),
                parse.GetValue(CliOutput.DataOption) is { } data ? new Dictionary<string, string?> { ["Storage:DataDirectory"] = data } : null,
                cancellationToken));

        var token = new Command("token", "API tokens for services");
        token.Subcommands.Add(create);
        return token;
    }

    internal static async Task<int> CreateAsync(
        string name, IReadOnlyList<string> purposes, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? configuration, CancellationToken cancellationToken)
    {
        await using var cli = await CliHost.OpenAsync(configuration, cancellationToken);
        var created = await cli.Services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, name, purposes, cancellationToken);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"{created.Failure!.Code}: {created.Failure.Detail}");
            return CliOutput.Failed;
        }

        var (token, secret) = created.Value;
        await output.WriteLineAsync($"Created token {token.Id}. Its secret, shown only this once:");
        await output.WriteLineAsync(secret);
        return CliOutput.Ok;
    }
}
