using System.Net;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Custodian.Benchmarks.Support;
using Custodian.Gate;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Policy;
using Custodian.Staff;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Benchmarks.Staff;

/// <summary>
/// The in-memory part of one authorization decision, once the role rules are loaded: the endpoint's door (the
/// permission and realm requirements through the same handler the server runs, for a console principal), the role's and the
/// account's network allow-lists, the training and pledge rule, a device placeholder (a set look-up standing in for
/// the device check another change adds), and the role's category view filter over one person's items.
/// Target: under 5 µs. <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- --filter '*AuthorizationDecision*'</c>
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class AuthorizationDecisionBenchmarks
{
    private const string Role = "recruiter";
    private static readonly DateTime Since = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly IPAddress _address = IPAddress.Parse("198.51.100.7");
    private readonly HashSet<Guid> _knownDevices = [];
    private BenchHost _host = null!;
    private RoleRules _rules = null!;
    private CategoryViewFilter _filter = null!;
    private GateRequest _request = null!;
    private StaffAccount _account = null!;
    private Dictionary<string, string> _items = null!;
    private Guid _device;
    private PermissionHandler _door = null!;
    private ClaimsPrincipal _principal = null!;
    private IAuthorizationRequirement[] _requirements = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _host = await BenchHost.StartAsync();
        var time = TimeProvider.System;
        _rules = new RoleRules(time);
        var policy = _host.Get<PolicyStore>().Default;
        var safe = new SafeManagement(_host.Db, _host.Get<Custodian.Audit.AuditLog>(), _rules, time, _host.Get<PolicyStore>());
        var categories = policy.Categories.Select(c => c.Id).ToList();
        var views = categories.Select((c, i) => (c, ViewModes.ByName.Keys.ElementAt(i % ViewModes.ByName.Count))).ToDictionary(p => p.c, p => p.Item2);
        await safe.SetViewsAsync(Actor.System, Role, views);
        await safe.SetRoleNetworksAsync(Actor.System, Role, ["10.0.0.0/8", "192.0.2.0/24", "198.51.100.0/24"]);
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            await _rules.EnsureFreshAsync(db, CancellationToken.None);
        }

        _filter = new CategoryViewFilter(_rules);
        _account = new StaffAccount { Id = Guid.CreateVersion7(), Role = Role, Networks = "198.51.100.0/24", TrainedAt = Since.AddDays(30), PledgeSignedAt = Since };
        _device = Guid.CreateVersion7();
        _knownDevices.Add(_device);
        _items = policy.Items.ToDictionary(i => i.Id, i => i.Id == "birth_date" ? "1990-04-01" : "Sample value " + i.Id);
        var actor = new Actor(ActorKind.Staff, _account.Id, Role);
        _request = new GateRequest(actor, new Person { Id = Guid.CreateVersion7() }, policy, policy.Purposes[0], GateUse.Read, [.. _items.Keys]);
        _door = new PermissionHandler(new CallerGrants(new RoleCatalogue(Options.Create(new StaffOptions()))));
        _principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ActorClaims.Id, _account.Id.ToString()), new Claim(ActorClaims.Kind, "staff"), new Claim(ActorClaims.Role, Role)], "Console", ActorClaims.Id, ActorClaims.Role));
        _requirements = [new PermissionRequirement(Permissions.PersonsRead), new RealmRequirement(Realm.Staff)];
    }

    [Benchmark]
    public int Decide()
    {
        var door = new AuthorizationHandlerContext(_requirements, _principal, null);
        _door.HandleAsync(door).GetAwaiter().GetResult();
        var allowed = door.HasSucceeded
            && Networks.Allows(_rules.Networks(Role), _address)
            && Networks.Allows(_account.Networks, _address)
            && _account.TrainedAt > Since && _account.PledgeSignedAt is not null
            && _knownDevices.Contains(_device);
        return allowed ? _filter.Filter(_request, _items).Count : -1;
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
