using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>Loads policy files. A bad file is an expected failure: it comes back as errors, never as an exception.</summary>
internal static class PolicyLoader
{
    public static PolicyLoadResult Load(string yaml, string file)
    {
        var diagnostics = new PolicyDiagnostics(file);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            diagnostics.Add(e.Start, PolicyRules.YamlSyntax, ParserMessage(e));
            return new PolicyLoadResult(file, null, diagnostics.Errors);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this, not a YamlException, on some unclosed flow collections;
            // the last event it parsed is the nearest position we have.
            diagnostics.Add(parser.Current?.End ?? Mark.Empty, PolicyRules.YamlSyntax, "the YAML cannot be parsed after this point (an unclosed [ or {?)");
            return new PolicyLoadResult(file, null, diagnostics.Errors);
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Add(Mark.Empty, PolicyRules.EmptyFile, "the file holds no YAML document");
            return new PolicyLoadResult(file, null, diagnostics.Errors);
        }

        if (stream.Documents.Count > 1)
        {
            diagnostics.Add(stream.Documents[1].RootNode, PolicyRules.MultipleDocuments, "a policy file holds exactly one YAML document");
        }

        var root = stream.Documents[0].RootNode;
        var policy = PolicyReader.Read(root, diagnostics);
        var errors = diagnostics.Errors.OrderBy(e => e.File != file).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new PolicyLoadResult(file, errors.Count == 0 ? policy : null, errors)
        {
            VersionAt = Position(root, "version") ?? (1, 1),
            EffectiveAt = Position(root, "effective") ?? Position(root, "version") ?? (1, 1),
        };
    }

    public static PolicyLoadResult LoadFile(string path)
    {
        string yaml;
        try
        {
            // Strict UTF-8: binary junk is reported as such instead of being parsed as replacement characters.
            yaml = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            var rule = e is DecoderFallbackException ? PolicyRules.YamlSyntax : PolicyRules.UnreadableFile;
            var message = e is DecoderFallbackException ? "the file is not UTF-8 text" : "the file cannot be read: " + e.GetType().Name;
            return new PolicyLoadResult(path, null, [new PolicyError(path, 1, 1, rule, message)]);
        }

        return Load(yaml, path);
    }

    /// <summary>
    /// Every <c>*.yaml</c> in the folder, in name order. Files with the same policy id are versions of one policy: a
    /// version, or an effective day, used twice for one policy is an error in the second file.
    /// </summary>
    public static IReadOnlyList<PolicyLoadResult> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [new PolicyLoadResult(directory, null, [new PolicyError(directory, 1, 1, PolicyRules.UnreadableFile, "the policy folder does not exist")])];
        }

        return CheckVersions(Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(LoadFile));
    }

    /// <summary>The results with a version, or an effective day, used twice for one policy turned into an error in the later file.</summary>
    public static IReadOnlyList<PolicyLoadResult> CheckVersions(IEnumerable<PolicyLoadResult> loaded)
    {
        var results = new List<PolicyLoadResult>();
        var seen = new Dictionary<(string Id, string Version), string>();
        var days = new Dictionary<(string Id, DateOnly? Day), string>();
        foreach (var loadedResult in loaded)
        {
            var result = loadedResult;
            if (result.Policy is { } policy && VersionClash(result, policy, seen, days) is { } clash)
            {
                result = result with { Policy = null, Errors = [clash] };
            }

            results.Add(result);
        }

        return results;
    }

    private static PolicyError? VersionClash(
        PolicyLoadResult result, PrivacyPolicy policy, Dictionary<(string, string), string> seen, Dictionary<(string, DateOnly?), string> days)
    {
        if (!seen.TryAdd((policy.Id, policy.Version), result.File))
        {
            var other = Path.GetFileName(seen[(policy.Id, policy.Version)]);
            return new PolicyError(result.File, result.VersionAt.Line, result.VersionAt.Column, PolicyRules.DuplicatePolicy,
                $"version '{policy.Version}' of policy '{policy.Id}' is also defined in {other}");
        }

        if (!days.TryAdd((policy.Id, policy.Effective), result.File))
        {
            var other = Path.GetFileName(days[(policy.Id, policy.Effective)]);
            var day = policy.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "(none: in effect from the start)";
            return new PolicyError(result.File, result.EffectiveAt.Line, result.EffectiveAt.Column, PolicyRules.DuplicateEffectiveDate,
                $"policy '{policy.Id}' version '{policy.Version}' takes effect on the same day as the version in {other}: {day}; give each version its own effective date");
        }

        return null;
    }

    /// <summary>Where a top-level key is written, so an error about versions points at the line to change.</summary>
    private static (long Line, long Column)? Position(YamlNode root, string key) =>
        root is YamlMappingNode map && map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == key) is { } node
            ? (node.Start.Line, node.Start.Column)
            : null;

    /// <summary>YamlDotNet prefixes its message with the positions, which the error line already carries.</summary>
    private static string ParserMessage(YamlException e)
    {
        var message = e.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }
}
