using Custodian.Policy;
using Custodian.Policy.Loading;
using Custodian.Tests.Support;

namespace Custodian.Tests.Policy.Changes;

public sealed class PolicyVersionLoadingTests : IDisposable
{
    private static readonly DateOnly Effective = new(2026, 12, 1);
    private readonly string _folder = PolicyVersionFolder.Create(Effective);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Two_versions_of_one_policy_load_side_by_side()
    {
        var results = PolicyLoader.LoadDirectory(_folder);

        Assert.All(results, r => Assert.Empty(r.Errors));
        var store = new PolicyStore(results.Select(r => r.Policy!), PolicyVersionFolder.PolicyId);
        Assert.Equal([PolicyVersionFolder.First, PolicyVersionFolder.Second], store.Versions(PolicyVersionFolder.PolicyId).Select(v => v.Version));
        Assert.Equal(Effective, store.Find(PolicyVersionFolder.PolicyId, PolicyVersionFolder.Second)!.Effective);
    }

    [Fact]
    public void The_current_version_is_the_latest_whose_effective_day_has_come()
    {
        var clock = new FakeTime(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        var store = new PolicyStore(PolicyLoader.LoadDirectory(_folder).Select(r => r.Policy!), PolicyVersionFolder.PolicyId, clock);

        Assert.Equal(PolicyVersionFolder.First, store.Default.Version);
        Assert.Null(store.Default.FindPurpose(PolicyVersionFolder.AddedPurpose));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(PolicyVersionFolder.Second, store.Default.Version);
        Assert.Equal(PolicyVersionFolder.Second, store.Find(PolicyVersionFolder.PolicyId)!.Version);
        Assert.Equal(PolicyVersionFolder.Second, store.All[PolicyVersionFolder.PolicyId].Version);
        // A person keeps the version they agreed to: it stays loaded and found by its number.
        Assert.Equal(PolicyVersionFolder.First, store.Find(PolicyVersionFolder.PolicyId, PolicyVersionFolder.First)!.Version);
    }

    [Fact]
    public void Two_versions_with_the_same_effective_date_are_refused_at_the_line_of_the_date()
    {
        var second = File.ReadAllText(Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v2.yaml"));
        File.WriteAllText(Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v3.yaml"), second.Replace($"version: \"{PolicyVersionFolder.Second}\"", "version: \"2026-12-01b\"", StringComparison.Ordinal));

        var results = PolicyLoader.LoadDirectory(_folder);

        var refused = Assert.Single(results, r => r.Errors.Count > 0);
        var error = Assert.Single(refused.Errors);
        Assert.EndsWith(".v3.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal("duplicate-effective-date", error.Rule);
        Assert.Equal(LineOf(second, "effective:"), error.Line);
        Assert.Contains("2026-12-01", error.Message, StringComparison.Ordinal);
        Assert.Contains(".v2.yaml", error.Message, StringComparison.Ordinal);
        Assert.Throws<PolicyLoadException>(() => PolicyModule.LoadStore(new PolicyOptions { Directory = _folder, Default = PolicyVersionFolder.PolicyId }));
    }

    [Fact]
    public void Two_versions_with_neither_effective_date_are_refused()
    {
        var first = File.ReadAllText(Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".yaml"));
        File.WriteAllText(Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v3.yaml"), first.Replace($"version: \"{PolicyVersionFolder.First}\"", "version: \"other\"", StringComparison.Ordinal));

        var error = Assert.Single(PolicyLoader.LoadDirectory(_folder).SelectMany(r => r.Errors));

        Assert.Equal("duplicate-effective-date", error.Rule);
        Assert.Equal(LineOf(first, "version:"), error.Line);
    }

    private static int LineOf(string yaml, string key) => yaml.Split('\n').ToList().FindIndex(l => l.StartsWith(key, StringComparison.Ordinal)) + 1;

    [Fact]
    public void An_effective_date_that_is_not_a_day_is_refused()
    {
        var error = Assert.Single(PolicyLoader.Load(PolicyYaml.Valid.Replace("version: \"1\"", "version: \"1\"\neffective: 1 December", StringComparison.Ordinal), "p.yaml").Errors);

        Assert.Equal("invalid-value", error.Rule);
        Assert.Contains("effective", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_effective_date_is_listed_as_set_by_the_operator()
    {
        var second = PolicyLoader.Load(File.ReadAllText(Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v2.yaml")), Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v2.yaml"));

        var value = Assert.Single(second.Policy!.OperatorSet, v => v.Path == "effective");
        Assert.Equal("2026-12-01", value.Value);
    }

    [Fact]
    public void An_effective_date_not_listed_under_operator_set_is_refused_at_its_line()
    {
        var path = Path.Combine(_folder, PolicyVersionFolder.PolicyId + ".v2.yaml");
        var yaml = File.ReadAllText(path).Replace("  - effective\n", "", StringComparison.Ordinal);

        var error = Assert.Single(PolicyLoader.Load(yaml, path).Errors);

        Assert.Equal(("not-in-text", LineOf(yaml, "effective:")), (error.Rule, error.Line));
        Assert.Contains("operator-set", error.Message, StringComparison.Ordinal);
    }
}
