using Custodian.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Tests.Policy;

public sealed class PolicyModuleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custodian-policy-module-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddPolicy(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_default_folder_resolves_against_the_app_and_loads_both_policies()
    {
        using var services = Build([]);

        var store = services.GetRequiredService<PolicyStore>();

        Assert.Equal("leverages-career-mexico", store.Default.Id);
        Assert.NotNull(store.Find("leverages-group"));
        Assert.Null(store.Find("nope"));
    }

    [Fact]
    public async Task A_folder_with_an_invalid_policy_stops_the_start_and_lists_every_error()
    {
        File.WriteAllText(Path.Combine(folder, "a.yaml"), PolicyYaml.WithLine(15, "    category: identiy"));
        File.WriteAllText(Path.Combine(folder, "b.yaml"), "id: [");
        using var services = Build(new() { ["Policy:Directory"] = folder, ["Policy:Default"] = "test" });
        var startup = services.GetServices<IHostedService>().Single();

        var error = await Assert.ThrowsAsync<PolicyLoadException>(() => startup.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("a.yaml:15:15: unknown-category", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"b\.yaml:\d+:\d+: yaml-syntax: ", error.Message);
        Assert.Contains("2 error(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_the_same_policy_id_are_refused()
    {
        File.WriteAllText(Path.Combine(folder, "a.yaml"), PolicyYaml.Valid);
        File.WriteAllText(Path.Combine(folder, "b.yaml"), PolicyYaml.Valid);
        using var services = Build(new() { ["Policy:Directory"] = folder, ["Policy:Default"] = "test" });

        var error = Assert.Throws<PolicyLoadException>(services.GetRequiredService<PolicyStore>);

        Assert.Contains("duplicate-policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_setting_fails_options_validation()
    {
        using var services = Build(new() { ["Policy:Directory"] = "" });

        Assert.ThrowsAny<Exception>(services.GetRequiredService<PolicyStore>);
    }
}
