using System.CommandLine;
using System.Globalization;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Cli.Staff;

/// <summary>
/// <c>custodian staff add|list|role|joint-user|deactivate|reactivate</c>: staff accounts from joining to leaving, as the console's
/// accounts page does them. The operator acts as the system; an initial password is printed once, at creation.
/// </summary>
internal static class StaffCommand
{
    public static Command Create()
    {
        var staff = new Command("staff", "Staff accounts: add, list, change role, name their joint user, deactivate, reactivate");
        staff.Subcommands.Add(AddCommand());
        staff.Subcommands.Add(ListCommand());
        staff.Subcommands.Add(RoleCommand());
        staff.Subcommands.Add(JointUserCommand());
        staff.Subcommands.Add(StatusCommand("deactivate", "Someone left: end their sessions, revoke their devices and tokens, refuse sign-in", (s, id, ct) => s.DeactivateAsync(Actor.System, id, ct), "Deactivated"));
        staff.Subcommands.Add(StatusCommand("reactivate", "Let a deactivated account sign in again (devices are approved anew)", (s, id, ct) => s.ReactivateAsync(Actor.System, id, ct), "Reactivated"));
        return staff;
    }

    private static Option<string> UserOption() => new("--user") { Description = "The account's user name", Required = true };

    // Parsing refuses another role (exit 2) and --help lists the roles.
    private static Option<string> RoleOption() => new Option<string>("--role") { Description = "The account's role", Required = true }.AcceptOnlyFromAmong([.. RoleCatalogue.TemplateNames]);

    private static Command AddCommand()
    {
        var user = UserOption();
        var role = RoleOption();
        var department = new Option<string?>("--department") { Description = "The department's name" };
        var add = new Command("add", "Create an account; its initial password is printed once and must be changed at the first sign-in")
            { user, role, department, CliOutput.DataOption };
        add.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            Guid? departmentId = null;
            if (parse.GetValue(department) is { } name)
            {
                var departments = await cli.Services.GetRequiredService<SafeManagement>().ListDepartmentsAsync(cancellationToken);
                if (departments.FirstOrDefault(d => d.Name == name.Trim()) is not { } found)
                {
                    parse.Error().WriteLine("--department: no department has this name (staff.department-unknown)");
                    return CliOutput.Failed;
                }

                departmentId = found.Id;
            }

            var created = await cli.Services.GetRequiredService<StaffLifecycle>().CreateAsync(Actor.System, parse.GetValue(user), parse.GetValue(role), departmentId, cancellationToken);
            if (created.Failure is { } failure)
            {
                return Fail(parse, failure);
            }

            parse.Out().WriteLine($"Created staff account {created.Value!.Account.Id}. Its initial password, shown only this once (to be changed at the first sign-in):");
            parse.Out().WriteLine(created.Value.InitialPassword);
            return CliOutput.Ok;
        });
        return add;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List the accounts: id, user name, role, department, status, two-step, last sign-in") { CliOutput.DataOption };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            foreach (var a in await cli.Services.GetRequiredService<StaffLifecycle>().ListAsync(cancellationToken))
            {
                parse.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Id}  {a.UserName}  {a.Role}  {a.Department ?? "-"}  {(a.Active ? "active" : "deactivated")}  {(a.Enrolled ? "enrolled" : "not-enrolled")}  {(a.LastSignInAt is { } at ? at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "-")}"));
            }

            return CliOutput.Ok;
        });
        return list;
    }

    private static Command RoleCommand()
    {
        var user = UserOption();
        var role = RoleOption();
        var command = new Command("role", "Give an account another role; its sessions end") { user, role, CliOutput.DataOption };
        command.SetAction((parse, cancellationToken) => ChangeAsync(parse, user, (s, id, ct) => s.SetRoleAsync(Actor.System, id, parse.GetValue(role), ct),
            changed => $"Staff account {changed.Id} now has the role {changed.Role}.", cancellationToken));
        return command;
    }

    private static Command JointUserCommand()
    {
        var user = UserOption();
        var member = new Option<string?>("--member") { Description = "The joint user (its id in a policy's joint use, e.g. leverages-career-mexico); leave out for the operator's own staff" };
        var command = new Command("joint-user", "Name the joint user whose staff holds the account, or none; its sessions end") { user, member, CliOutput.DataOption };
        command.SetAction((parse, cancellationToken) => ChangeAsync(parse, user, (s, id, ct) => s.SetJointUserAsync(Actor.System, id, parse.GetValue(member), ct),
            changed => changed.JointUser is { } joint
                ? $"Staff account {changed.Id} is now staff of the joint user {joint}."
                : $"Staff account {changed.Id} is now the operator's own staff.",
            cancellationToken));
        return command;
    }

    /// <summary>Finds the account by <paramref name="user"/>, applies <paramref name="change"/> and says what it now is.</summary>
    private static async Task<int> ChangeAsync(
        ParseResult parse, Option<string> user, Func<StaffLifecycle, Guid, CancellationToken, Task<Result<StaffAccountView>>> change,
        Func<StaffAccountView, string> done, CancellationToken cancellationToken)
    {
        await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
        var lifecycle = cli.Services.GetRequiredService<StaffLifecycle>();
        var found = await lifecycle.FindAsync(parse.GetValue(user)!, cancellationToken);
        var changed = found.Failure is null ? await change(lifecycle, found.Value!.Id, cancellationToken) : found;
        if (changed.Failure is { } failure)
        {
            return Fail(parse, failure);
        }

        parse.Out().WriteLine(done(changed.Value!));
        return CliOutput.Ok;
    }

    private static Command StatusCommand(string name, string description, Func<StaffLifecycle, Guid, CancellationToken, Task<Failure?>> change, string done)
    {
        var user = UserOption();
        var command = new Command(name, description) { user, CliOutput.DataOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = await CliHost.OpenAsync(parse, cancellationToken);
            var lifecycle = cli.Services.GetRequiredService<StaffLifecycle>();
            var found = await lifecycle.FindAsync(parse.GetValue(user)!, cancellationToken);
            if ((found.Failure ?? await change(lifecycle, found.Value!.Id, cancellationToken)) is { } failure)
            {
                return Fail(parse, failure);
            }

            parse.Out().WriteLine($"{done} staff account {found.Value!.Id}.");
            return CliOutput.Ok;
        });
        return command;
    }

    // The user name is staff data the operator typed; the message names the option and the rule, not the value.
    private static int Fail(ParseResult parse, Failure failure)
    {
        var option = failure.Code == "staff.unknown" ? "--user" : failure.Field switch { "role" => "--role", "departmentId" => "--department", "jointUser" => "--member", _ => "--user" };
        parse.Error().WriteLine($"{option}: {failure.Detail} ({failure.Code})");
        return CliOutput.Failed;
    }
}
