using System.CommandLine;
using System.Globalization;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Staff;

/// <summary><c>custodian token create|list|revoke|joint-user</c>: credentials for services; a secret is shown once, at creation.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. the service's name", Required = true };
        var permissions = new Option<string[]>("--permission")
        {
            Description = "A permission the token holds (e.g. persons.read); repeat for several; at least one: a token may do only what it is given",
        };
        var purposes = new Option<string[]>("--purpose")
        {
            Description = "A purpose of use the token is entrusted with; repeat for several; none means every purpose",
        };
        var jointUser = new Option<string?>("--joint-user")
        {
            Description = "The joint user whose service holds the token (its id in a policy's joint use); its reads are the joint user's",
        };
        var create = new Command("create", "Create an API token; its secret is printed once and only its hash is kept");
        create.Options.Add(name);
        create.Options.Add(permissions);
        create.Options.Add(purposes);
        create.Options.Add(jointUser);
        create.Options.Add(CliOutput.DataOption);
        create.SetAction((parse, cancellationToken) =>
            CreateAsync(
                parse.GetValue(name)!, parse.GetValue(permissions) ?? [], parse.GetValue(purposes) ?? [], parse.Out(), parse.Error(),
                parse.GetValue(CliOutput.DataOption) is { } data ? new Dictionary<string, string?> { ["Storage:DataDirectory"] = data } : null,
                parse.GetValue(jointUser), cancellationToken));

        var token = new Command("token", "API tokens for services");
        token.Subcommands.Add(create);
        token.Subcommands.Add(ListCommand());
        token.Subcommands.Add(RevokeCommand());
        token.Subcommands.Add(JointUserCommand());
        return token;
    }

    private static Command JointUserCommand()
    {
        var id = new Option<string>("--id") { Description = "The token's id, as printed by create and list", Required = true };
        var member = new Option<string?>("--member")
        {
            Description = "The joint user whose service holds the token (its id in a policy's joint use); leave out for the operator's own",
        };
        var command = new Command("joint-user", "Name the joint user whose service holds a token, or none; servers act on it within seconds")
        {
            id, member, CliOutput.DataOption,
        };
        command.SetAction((parse, cancellationToken) =>
            JointUserAsync(parse.GetValue(id)!, parse.GetValue(member), parse.Out(), parse.Error(),
                parse.GetValue(CliOutput.DataOption) is { } data ? new Dictionary<string, string?> { ["Storage:DataDirectory"] = data } : null, cancellationToken));
        return command;
    }

    internal static async Task<int> JointUserAsync(
        string id, string? member, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? configuration, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var tokenId))
        {
            await error.WriteLineAsync("--id: not a token id (token.id)");
            return CliOutput.Failed;
        }

        await using var cli = await CliHost.OpenAsync(configuration, cancellationToken);
        var set = await cli.Services.GetRequiredService<ApiTokens>().SetJointUserAsync(Actor.System, tokenId, member, cancellationToken);
        if (set.Failure is { } failure)
        {
            await error.WriteLineAsync($"--{(failure.Field == "jointUser" ? "member" : "id")}: {failure.Detail} ({failure.Code})");
            return CliOutput.Failed;
        }

        await output.WriteLineAsync(set.Value!.JointUser is { } joint ? $"Token {tokenId} now acts for joint user {joint}." : $"Token {tokenId} now acts for the operator itself.");
        return CliOutput.Ok;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List the API tokens: id, created, revoked, name, permissions, purposes") { CliOutput.DataOption };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            foreach (var t in await cli.Services.GetRequiredService<ApiTokens>().ListAsync(cancellationToken))
            {
                parse.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Id}  {t.CreatedAt:yyyy-MM-ddTHH:mm:ssZ}  {(t.RevokedAt is { } r ? r.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "active")}  {t.Name}  {t.Permissions}  {(t.Purposes.Length == 0 ? "*" : t.Purposes)}"));
            }

            return CliOutput.Ok;
        });
        return list;
    }

    private static Command RevokeCommand()
    {
        var id = new Option<string>("--id") { Description = "The token's id, as printed by create and list", Required = true };
        var revoke = new Command("revoke", "Revoke an API token; servers refuse it within seconds") { id, CliOutput.DataOption };
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            if (!Guid.TryParse(parse.GetValue(id), out var tokenId))
            {
                parse.Error().WriteLine("--id: not a token id (token.id)");
                return CliOutput.Failed;
            }

            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            var revoked = await cli.Services.GetRequiredService<ApiTokens>().RevokeAsync(Actor.System, tokenId, cancellationToken);
            if (revoked.Failure is { } failure)
            {
                parse.Error().WriteLine($"--id: {failure.Detail} ({failure.Code})");
                return CliOutput.Failed;
            }

            parse.Out().WriteLine($"Revoked token {tokenId}.");
            return CliOutput.Ok;
        });
        return revoke;
    }

    internal static Task<int> CreateAsync(
        string name, IReadOnlyList<string> permissions, IReadOnlyList<string> purposes, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? configuration, CancellationToken cancellationToken) =>
        CreateAsync(name, permissions, purposes, output, error, configuration, jointUser: null, cancellationToken);

    internal static async Task<int> CreateAsync(
        string name, IReadOnlyList<string> permissions, IReadOnlyList<string> purposes, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? configuration, string? jointUser, CancellationToken cancellationToken)
    {
        await using var cli = await CliHost.OpenAsync(configuration, cancellationToken);
        var created = await cli.Services.GetRequiredService<ApiTokens>().CreateAsync(Actor.System, name, permissions, purposes, jointUser, cancellationToken);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync($"--{(created.Failure!.Field == "permissions" ? "permission" : created.Failure.Field == "purposes" ? "purpose" : created.Failure.Field == "jointUser" ? "joint-user" : created.Failure.Field)}: {created.Failure.Detail} ({created.Failure.Code})");
            return CliOutput.Failed;
        }

        var (token, secret) = created.Value;
        await output.WriteLineAsync($"Created token {token.Id}. Its secret, shown only this once:");
        await output.WriteLineAsync(secret);
        return CliOutput.Ok;
    }
}
