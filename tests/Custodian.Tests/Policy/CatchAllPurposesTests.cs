using Custodian.Policy.Loading;

namespace Custodian.Tests.Policy;

/// <summary>The purposes whose scope the operator's text leaves open are marked, so the gate asks a reason for each use.</summary>
public sealed class CatchAllPurposesTests
{
    [Fact]
    public void Both_policies_mark_their_open_ended_purposes_as_catch_all_and_no_other()
    {
        var policies = PolicyLoader.LoadDirectory(PolicyFilesTests.Folder).Select(r => r.Policy!);

        Assert.Equal(["leverages-career-mexico:service.incidental", "leverages-group:as-specified"],
            policies.SelectMany(p => p.Purposes.Where(u => u.CatchAll).Select(u => $"{p.Id}:{u.Id}")).Order(StringComparer.Ordinal));
    }
}
