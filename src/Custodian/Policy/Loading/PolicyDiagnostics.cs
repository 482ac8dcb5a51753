using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>Collects every error of one file, so an author fixes them all in one pass.</summary>
internal sealed class PolicyDiagnostics(string file)
{
    private readonly List<PolicyError> errors = [];

    public string File => file;
    public IReadOnlyList<PolicyError> Errors => errors;

    public void Add(Mark at, string rule, string message) => errors.Add(new PolicyError(file, at.Line, at.Column, rule, message));

    public void Add(YamlNode node, string rule, string message) => Add(node.Start, rule, message);

    /// <summary>An error in another file the policy names (a notice text), already placed in that file.</summary>
    public void Add(PolicyError error) => errors.Add(error);
}
