using Custodian.Anonymization;
using Custodian.Policy;
using Custodian.Policy.Loading;

namespace Custodian.Tests.Anonymization;

public sealed class ReleaseDatasetTests
{
    private static readonly PrivacyPolicy Mexico =
        PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "leverages-career-mexico.yaml")).Policy!;

    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Dictionary<string, string> Person(string birth, string experience, string career = "Registered nurse", string sex = "female") => new()
    {
        ["sex"] = sex, ["date-of-birth"] = birth, ["address"] = "Calle 1, Querétaro", ["experience"] = experience, ["career"] = career,
    };

    private static ReleaseDataset Dataset(IEnumerable<Dictionary<string, string>> persons)
    {
        var dataset = ReleaseDataset.Create(Mexico, new ReleaseOptions(), Today).Value!;
        foreach (var person in persons) dataset.Add(person);
        return dataset;
    }

    [Fact]
    public void Only_the_policys_anonymized_items_become_columns()
    {
        var (table, _, steps) = Dataset([Person("1990-05-01", "3 years")]).Finish(2);

        Assert.Equal(Mexico.AnonymizedItems, table.Header);
        Assert.Contains("name", steps[0].Items);
        Assert.Contains("address", steps[0].Items);
        Assert.Equal(["email", "telephone"], steps[1].Items.Order());
    }

    [Fact]
    public void Old_ages_and_long_experience_are_top_coded_and_free_text_reduced_to_years()
    {
        var (table, _, steps) = Dataset([Person("1930-01-01", "55 years at the Hospital San José"), Person("1990-05-01", "6 years of nursing")]).Finish(1);

        var rows = Enumerable.Range(0, table.RowCount).Select(r => table.Value(r, 1) + "|" + table.Value(r, 2)).Order().ToList();
        Assert.Equal(["1990-05-01|6", "over 80|over 40"], rows);
        Assert.Equal(2, steps[3].Affected);
    }

    [Fact]
    public void Job_titles_held_by_fewer_than_k_persons_are_replaced_by_their_category()
    {
        var persons = Enumerable.Repeat(Person("1990-05-01", "3", "Software engineer"), 3).Append(Person("1990-05-01", "3", "Chief neurosurgeon nurse"));

        var (table, hierarchies, _) = Dataset(persons).Finish(2);

        var careers = Enumerable.Range(0, table.RowCount).Select(r => table.Value(r, 3)).Distinct().Order().ToList();
        Assert.Equal(["health care", "software engineer"], careers);
        Assert.Contains(hierarchies["career"].Rows, r => r[0] == "health care" && r[1] == "health care");
    }

    [Fact]
    public void Unparseable_items_become_unknown_never_their_text()
    {
        var (table, _, _) = Dataset([Person("not a date", "a lot", "", "")]).Finish(1);

        Assert.Equal(["unknown", "unknown", "unknown", "unknown"], Enumerable.Range(0, 4).Select(c => table.Value(0, c)));
    }

    [Fact]
    public void A_dataset_of_varied_persons_is_anonymized_at_k_2()
    {
        var persons = Enumerable.Range(0, 40).Select(i => Person($"{1970 + i % 30}-{1 + i % 12:00}-15", $"{i % 45} years", i % 3 == 0 ? "Registered nurse" : "Software engineer", i % 2 == 0 ? "female" : "male"));
        var (table, hierarchies, _) = Dataset(persons).Finish(2);

        var run = Anonymizer.Run(table, hierarchies, new AnonymizationOptions { QuasiIdentifiers = table.Header, K = 2, SuppressionLimit = 0.05 });

        Assert.True(run.Succeeded, run.Failure?.Detail);
        Assert.True(run.Value!.Summary.MinClassSize >= 2);
    }

    [Fact]
    public void A_policy_without_anonymized_items_cannot_be_released()
    {
        var japan = PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "leverages-group.yaml")).Policy!;

        var created = ReleaseDataset.Create(japan, new ReleaseOptions(), Today);

        Assert.Equal("policyId", created.Failure?.Field);
    }

    [Theory]
    [InlineData("Av. Constituyentes 100, Querétaro", "Querétaro")]
    [InlineData("Insurgentes Sur 1, Ciudad de Mexico", "Ciudad de México")]
    [InlineData("Somewhere", "other")]
    [InlineData("", "unknown")]
    public void State_is_read_from_the_address(string address, string state) => Assert.Equal(state, ItemCoding.State(address));

    [Fact]
    public void One_small_cell_hides_the_next_smallest_too()
    {
        var cells = VaultStatistics.Suppress(new Dictionary<string, int> { ["a"] = 3, ["b"] = 12, ["c"] = 40 }, 10);

        Assert.Equal([null, null, 40], cells.Select(c => c.Count));
    }
}
