using Custodian.Anonymization;

namespace Custodian.Tests.Anonymization;

public sealed class HierarchyTests
{
    [Fact]
    public void Arx_csv_hierarchy_is_read_with_its_depth()
    {
        var hierarchy = Hierarchy.Read("age", new StringReader("1;0-4;*\n2;0-4;*\n7;5-9;*"));
        Assert.True(hierarchy.Succeeded);
        Assert.Equal(3, hierarchy.Value!.Depth);
        Assert.Equal(3, hierarchy.Value.Rows.Count);
    }

    [Fact]
    public void Hierarchy_that_is_not_a_tree_is_refused()
    {
        var hierarchy = Hierarchy.Create("x", [["a", "g", "*"], ["b", "g", "h"]]).Value!;
        Assert.Equal("hierarchy.not_a_tree", QiDomain.Create(hierarchy).Failure?.Code);
    }

    [Fact]
    public void Repeated_raw_value_is_refused() =>
        Assert.Equal("hierarchy.duplicate", Hierarchy.Create("x", [["a", "*"], ["a", "*"]]).Failure?.Code);

    [Fact]
    public void Date_of_birth_generalizes_to_month_year_and_bands()
    {
        var hierarchy = HierarchyBuilders.DateOfBirth("dob", ["1987-03-14"]).Value!;
        Assert.Equal(["1987-03-14", "1987-03", "1987", "1985-1989", "1980-1989", "*"], hierarchy.Rows[0]);
    }

    [Theory]
    [InlineData("14/03/1987")]
    [InlineData("1987-02-30")]
    public void Date_of_birth_that_is_not_an_iso_date_is_refused(string value) =>
        Assert.Equal("hierarchy.bad_date", HierarchyBuilders.DateOfBirth("dob", [value]).Failure?.Code);

    [Fact]
    public void Experience_years_generalize_to_bands()
    {
        var hierarchy = HierarchyBuilders.ExperienceYears("exp", ["7", "14", "15"]).Value!;
        Assert.Equal(["7", "5-9", "0-9", "0-19", "*"], hierarchy.Rows[0]);
        // 14 and 15 share a 10-year band, so they share its 20-year band too: the bands nest.
        Assert.Equal(["14", "10-14", "10-19", "0-19", "*"], hierarchy.Rows[1]);
        Assert.Equal("hierarchy.bad_years", HierarchyBuilders.ExperienceYears("exp", ["-1"]).Failure?.Code);
    }

    [Fact]
    public void Address_generalizes_through_the_callers_table()
    {
        var hierarchy = HierarchyBuilders.Address("addr",
            [new AddressEntry("Av. Reforma 1", "Ciudad de México", "CDMX", "Mexico")]).Value!;
        Assert.Equal(["Av. Reforma 1", "Ciudad de México", "CDMX", "Mexico", "*"], hierarchy.Rows[0]);
    }

    [Fact]
    public void Career_generalizes_to_occupation_category()
    {
        var hierarchy = HierarchyBuilders.Career("career", new Dictionary<string, string> { ["Nurse"] = "Healthcare" }).Value!;
        Assert.Equal(["Nurse", "Healthcare", "*"], hierarchy.Rows[0]);
    }
}
