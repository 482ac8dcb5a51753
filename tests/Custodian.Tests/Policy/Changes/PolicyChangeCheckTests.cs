using Custodian.Gate;
using Custodian.Policy;
using Custodian.Policy.Changes;
using Custodian.Policy.Loading;
using Custodian.Provision;
using Custodian.Tests.Support;
using Custodian.Vault;

namespace Custodian.Tests.Policy.Changes;

/// <summary>The gate's rule for a person who agreed to an earlier version: what the change added is refused, what it kept goes on.</summary>
public sealed class PolicyChangeCheckTests : IDisposable
{
    private static readonly Actor Staff = new(ActorKind.Staff, Guid.NewGuid(), "recruiter");
    private static readonly Actor JointUser = new(ActorKind.Staff, Guid.NewGuid(), JointUserCheck.Role);
    private readonly string _folder = PolicyVersionFolder.Create(new DateOnly(2026, 12, 1));
    private readonly PolicyStore _store;
    private readonly PolicyChangeCheck _check;

    public PolicyChangeCheckTests()
    {
        _store = new PolicyStore(PolicyLoader.LoadDirectory(_folder).Select(r => r.Policy!), PolicyVersionFolder.PolicyId, new FakeTime(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)));
        _check = new PolicyChangeCheck(_store);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string?> RefusalAsync(string agreedVersion, string purpose, GateUse use = GateUse.Read, Actor? actor = null)
    {
        var person = new Person { Id = Guid.NewGuid(), PolicyId = PolicyVersionFolder.PolicyId, PolicyVersion = agreedVersion };
        var policy = _store.Find(PolicyVersionFolder.PolicyId)!;
        var request = new GateRequest(actor ?? Staff, person, policy, policy.FindPurpose(purpose)!, use, ["name"]);
        return (await _check.CheckAsync(request, null!, TestContext.Current.CancellationToken))?.Code;
    }

    [Fact]
    public async Task A_purpose_the_new_version_adds_is_refused_to_a_person_who_agreed_only_to_the_old_one()
    {
        Assert.Equal(PolicyChangeCheck.Code, await RefusalAsync(PolicyVersionFolder.First, PolicyVersionFolder.AddedPurpose));
    }

    [Fact]
    public async Task Uses_unchanged_between_the_versions_keep_working()
    {
        Assert.Null(await RefusalAsync(PolicyVersionFolder.First, "service.apply"));
        Assert.Null(await RefusalAsync(PolicyVersionFolder.First, ProvisionRules.ToUserCompany, GateUse.Provide));
    }

    [Fact]
    public async Task Once_the_person_is_under_the_new_version_the_added_purpose_is_theirs()
    {
        Assert.Null(await RefusalAsync(PolicyVersionFolder.Second, PolicyVersionFolder.AddedPurpose));
    }

    [Fact]
    public async Task Joint_users_do_not_receive_a_person_of_the_old_version_once_a_joint_user_is_added()
    {
        Assert.Equal(PolicyChangeCheck.Code, await RefusalAsync(PolicyVersionFolder.First, "service.apply", actor: JointUser));
        Assert.Null(await RefusalAsync(PolicyVersionFolder.Second, "service.apply", actor: JointUser));
    }

    [Fact]
    public async Task The_person_s_own_disclosure_is_never_held_back_by_a_change()
    {
        Assert.Null(await RefusalAsync(PolicyVersionFolder.First, PolicyVersionFolder.AddedPurpose, GateUse.Disclose));
    }
}
