using Custodian.Incidents.Affected;
using Custodian.Tests.Support;
using Custodian.Vault;

namespace Custodian.Tests.Incidents.Affected;

/// <summary>An uploaded list of affected persons: every id must be a person's, and every bad line is named.</summary>
public sealed class PersonIdListTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly Guid[] _persons = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    [Fact]
    public async Task A_csv_with_a_header_or_plain_lines_yield_each_person_once_in_order_with_the_erased_marked()
    {
        await SeedAsync();
        var text = $"person_id,items\n{_persons[1]},\"email\"\n\n  {_persons[0]}  \n{_persons[1]}\n\"{_persons[2]}\"\n";

        var list = await new PersonIdList(_database.Factory).ParseAsync(new StringReader(text), TestContext.Current.CancellationToken);

        Assert.True(list.Succeeded, list.Failure?.Detail);
        Assert.Equal([new(_persons[1], false), new(_persons[0], false), new ListedPerson(_persons[2], true)], list.Value!);
    }

    [Fact]
    public async Task A_line_that_is_not_an_id_or_an_unknown_id_refuses_the_whole_list_naming_each_line()
    {
        await SeedAsync();
        var text = $"{_persons[0]}\nnot-an-id\n{Guid.Empty}\n";

        var list = await new PersonIdList(_database.Factory).ParseAsync(new StringReader(text), TestContext.Current.CancellationToken);

        Assert.Equal(("person-list.invalid", "file"), (list.Failure?.Code, list.Failure?.Field));
        Assert.Equal("line 2: not a person id; line 3: no person has this id", list.Failure!.Detail);
    }

    [Fact]
    public async Task An_empty_list_is_refused()
    {
        var list = await new PersonIdList(_database.Factory).ParseAsync(new StringReader("person_id\n\n"), TestContext.Current.CancellationToken);

        Assert.Equal("person-list.empty", list.Failure?.Code);
    }

    private async Task SeedAsync()
    {
        await using var db = await _database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.AddRange(_persons.Select((id, i) => new Person { Id = id, PolicyId = "p", PolicyVersion = "1", Channel = "c", State = i == 2 ? PersonState.Erased : PersonState.Active }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose() => _database.Dispose();
}
