using System.CommandLine;
using Custodian.Policy;
using Custodian.Policy.Loading;

namespace Custodian.Cli.Policy;

/// <summary><c>custodian policy ...</c>: work with the policy files before they reach a server.</summary>
internal static class PolicyCommands
{
    public static Command Create()
    {
        var policy = new Command("policy", "Work with policy files (policies/*.yaml).");
        policy.Subcommands.Add(CreateCheck());
        policy.Subcommands.Add(NotifyChangeCommand.Create());
        return policy;
    }

    private static Command CreateCheck()
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Policy files to validate.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Command("check",
            "Validate policy files and print every error as file:line:column: rule: message, then each value the operator set " +
            "that the published text does not state (the file's operator-set list) as file:line:column.");
        check.Arguments.Add(files);
        check.SetAction(parse => Check(parse.GetRequiredValue(files), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return check;
    }

    /// <summary>Checks every file, even after a bad one, so one run lists all that needs fixing.</summary>
    internal static int Check(IEnumerable<FileInfo> files, TextWriter output, TextWriter error)
    {
        var failed = false;
        // Files given together are checked as one folder: two versions of a policy may not share a version or an effective day.
        var results = PolicyLoader.CheckVersions(files.Select(f => PolicyLoader.LoadFile(f.FullName)).ToList());
        foreach (var (file, result) in files.Zip(results))
        {
            if (result.Policy is { } loaded)
            {
                output.WriteLine($"{file}: ok (policy {loaded.Id} version {loaded.Version}{(loaded.Effective is { } day ? $" effective {day:yyyy-MM-dd}" : "")}, {loaded.Purposes.Count} purposes, {loaded.Items.Count} items)");
                WriteOperatorSet(file, loaded, output);
                continue;
            }

            failed = true;
            foreach (var problem in result.Errors)
            {
                // Errors in a notice text the policy names keep that file's name.
                error.WriteLine(problem.File == file.FullName ? problem with { File = file.ToString() } : problem);
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>The values the operator chose rather than took from the published text, so a reviewer sees each where it is written.</summary>
    private static void WriteOperatorSet(FileInfo file, PrivacyPolicy policy, TextWriter output)
    {
        if (policy.OperatorSet.Count == 0)
        {
            return;
        }

        output.WriteLine($"{file}: {policy.OperatorSet.Count} value(s) set by the operator, not taken from the published text:");
        foreach (var value in policy.OperatorSet)
        {
            output.WriteLine($"{file}:{value.Line}:{value.Column}: operator-set: {value.Path} = {value.Value}");
        }
    }
}
