using Custodian.Gate;
using Custodian.Server.Tests.Infrastructure;
using Custodian.Vault;

namespace Custodian.Server.Tests.Vault;

public abstract class ImportDuplicatesTests(CustodianApp app)
{
    private static int s_tests;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    // Each test its own telephone area under a country code no other test uses, as tests share a database.
    private readonly int _area = 100 + Interlocked.Increment(ref s_tests);

    private CheckedRegistration Row(string email, string telephone) =>
        app.Service<Enrolment>().Check(new Registration("service-application", new Dictionary<string, string?>
        {
            ["name"] = "Candidate", ["date-of-birth"] = "1990-01-01", ["email"] = email, ["telephone"] = telephone,
        })).Value!;

    private List<CheckedRegistration> Rows(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Row($"d{_tag}{i}@example.com", $"+998 {_area} {i:0000000}"))];

    private Task<IReadOnlyList<DuplicateRow>> FindAsync(List<CheckedRegistration> rows) =>
        app.Service<ImportDuplicates>().FindAsync(rows, lookUpBatch: 400);

    [Fact]
    public async Task Rows_already_registered_are_found_through_the_blind_indexes_in_batches()
    {
        var rows = Rows(1000);
        await app.Service<PersonVault>().ImportAsync(Actor.System, rows);

        var duplicates = await FindAsync(rows);

        Assert.Equal(2000, duplicates.Count);
        Assert.Equal(Enumerable.Range(0, 1000), duplicates.Select(d => d.Row).Distinct());
        Assert.All(duplicates.GroupBy(d => d.Row), g => Assert.Equal(["email", "telephone"], g.Select(d => d.Item)));
    }

    [Fact]
    public async Task After_half_a_file_was_imported_only_that_half_is_found()
    {
        var rows = Rows(2000);
        await app.Service<PersonVault>().ImportAsync(Actor.System, rows[..1000]);

        var duplicates = await FindAsync(rows);

        Assert.Equal(Enumerable.Range(0, 1000), duplicates.Select(d => d.Row).Distinct());
    }

    [Fact]
    public async Task A_row_repeating_an_earlier_row_of_the_file_is_found_unless_that_row_is_itself_skipped()
    {
        var registered = Row($"r{_tag}@example.com", $"+998 {_area} 0000001");
        await app.Service<PersonVault>().ImportAsync(Actor.System, [registered]);
        List<CheckedRegistration> rows =
        [
            Row($"a{_tag}@example.com", $"+998 {_area} 0000002"),
            Row($"A{_tag}@Example.com", $"+998 {_area} 0000003"),
            Row($"r{_tag}@example.com", $"+998 {_area} 0000004"),
            Row($"b{_tag}@example.com", $"+998 ({_area}) 000000-4"),
            Row($"c{_tag}@example.com", $"+998 {_area} 0000002"),
        ];

        var duplicates = await FindAsync(rows);

        // Row 2 is skipped, so row 3, which shares only row 2's telephone, is registered.
        Assert.Equal([new DuplicateRow(1, "email"), new DuplicateRow(2, "email"), new DuplicateRow(4, "telephone")], duplicates);
    }

    [Fact]
    public async Task Rows_of_nobody_registered_are_no_duplicates()
    {
        Assert.Empty(await FindAsync(Rows(10)));
    }
}

public sealed class ImportDuplicatesTests_Sqlite(SqliteApp app) : ImportDuplicatesTests(app), IClassFixture<SqliteApp>;

public sealed class ImportDuplicatesTests_Postgres(PostgresApp app) : ImportDuplicatesTests(app), IClassFixture<PostgresApp>;
