using Custodian.Audit;
using Custodian.Cli;
using Custodian.Cli.Policy;
using Custodian.Mail;
using Custodian.Policy.Changes;
using Custodian.Storage;
using Custodian.Tests.Backup;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Tests.Policy.Changes;

/// <summary><c>custodian policy notify-change</c>: persons under the earlier version are told once, by e-mail through the outbox, audited by id.</summary>
public sealed class NotifyChangeCommandTests : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("custodian-notify-").FullName;
    private readonly string _policies = PolicyVersionFolder.Create(PolicyVersionFolder.Yesterday);

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_policies, recursive: true);
        await Task.CompletedTask;
    }

    private Task<CliHost> OpenAsync() => CliHost.OpenAsync(
        new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data, ["Policy:Directory"] = _policies }, TestContext.Current.CancellationToken);

    private FileInfo List => new(Path.Combine(_data, "to-tell.csv"));

    [Fact]
    public async Task Persons_under_the_old_version_are_mailed_once_and_those_already_under_the_new_one_not_at_all()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cli = await OpenAsync();
        var ids = await TestInstallation.RegisterAsync(cli, 3);
        await using (var db = await cli.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct))
        {
            await db.Set<Person>().Where(p => p.Id != ids[2]).ExecuteUpdateAsync(s => s.SetProperty(p => p.PolicyVersion, PolicyVersionFolder.First), ct);
        }

        var (first, second) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await NotifyChangeCommand.RunAsync(cli.Services, PolicyVersionFolder.PolicyId, PolicyVersionFolder.Second, List, first, TextWriter.Null, ct));
        Assert.Equal(0, await NotifyChangeCommand.RunAsync(cli.Services, PolicyVersionFolder.PolicyId, PolicyVersionFolder.Second, List, second, TextWriter.Null, ct));

        Assert.Equal("2 e-mailed, 0 on the list, 0 told before", first.ToString().Trim());
        Assert.Equal("0 e-mailed, 0 on the list, 2 told before", second.ToString().Trim());
        Assert.False(List.Exists);
        await using var check = await cli.Services.GetRequiredService<IDbContextFactory<CustodianDb>>().CreateDbContextAsync(ct);
        var mails = await check.Set<MailOutboxEntry>().Where(m => m.Template == PolicyChangeNotices.Template).Select(m => m.PersonId).ToListAsync(ct);
        Assert.Equal(ids.Take(2).Order(), mails.Select(m => m!.Value).Order());
        var told = await check.Set<AuditEvent>().Where(e => e.Type == AuditEventType.PolicyChangeNotified).ToListAsync(ct);
        Assert.Equal(2, told.Count);
        Assert.All(told, e => Assert.Equal(($"{PolicyVersionFolder.PolicyId}/{PolicyVersionFolder.Second}", "mail"), (e.Subject, e.Reason)));
        Assert.All(told, e => Assert.DoesNotContain("@", $"{e.Subject}{e.Reason}{e.Items}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nope", PolicyVersionFolder.Second, "--policy: No loaded policy has this id. (policy.unknown)")]
    [InlineData(PolicyVersionFolder.PolicyId, PolicyVersionFolder.First, "--version: Version 2023-06-09 is the first loaded version of policy leverages-career-mexico: it changes nothing. (policy.version-first)")]
    [InlineData(PolicyVersionFolder.PolicyId, "9", "--version: Policy leverages-career-mexico has no loaded version '9'; loaded: 2023-06-09, 2026-12-01. (policy.version-unknown)")]
    public async Task Bad_input_exits_2_with_one_line_and_tells_nobody(string policy, string version, string message)
    {
        await using var cli = await OpenAsync();
        var error = new StringWriter();

        var code = await NotifyChangeCommand.RunAsync(cli.Services, policy, version, List, TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal(message, error.ToString().TrimEnd('\r', '\n'));
        Assert.False(List.Exists);
    }
}
