using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Incidents;
using Custodian.Mail;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Policy.Changes;

/// <summary>A person to tell by other means (no e-mail address held), as the operator's list shows them.</summary>
public sealed record ChangeListEntry(Guid PersonId, string Language, string? Name, string? Address, string? Telephone);

/// <summary>What one notify did: e-mails queued, persons put on the list, persons told before, and who the gate refused and why.</summary>
public sealed record ChangeNoticeRun(int Mailed, int Listed, int AlreadyTold, IReadOnlyDictionary<string, int> Unreachable);

/// <summary>
/// Tells the persons a new version affects (those under an earlier version of the policy): an e-mail through the outbox
/// where an address is held, otherwise a line on the operator's list. Names and addresses are read through the gate under
/// the purpose that covers telling persons (<c>Incidents:Notices:Purposes</c>). The list is written before the record is
/// committed, and each person's record commits with its audit event, so a failed run tells nobody and a second run tells
/// only those not told yet.
/// </summary>
internal sealed class PolicyChangeNotices(
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, PersonGate gate, IMailOutbox outbox, AuditLog audit,
    IOptions<IncidentsOptions> incidents, IOptions<MailOptions> mail, TimeProvider time)
{
    /// <summary>The reason recorded when the notice purpose is a catch-all (gate: <c>UseReasons</c>), with the version told of.</summary>
    public const string NoticeReason = "Notice of policy version";

    public const string Template = "policy-change";

    public async Task<Result<ChangeNoticeRun>> NotifyAsync(
        Actor actor, string? policyId, string? version, Func<IReadOnlyList<ChangeListEntry>, CancellationToken, Task> writeList,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var versions = policyId is null ? [] : policies.Versions(policyId);
        if (versions.Count == 0)
        {
            return Failure.Invalid("policy", "policy.unknown", "No loaded policy has this id.");
        }

        var index = versions.ToList().FindIndex(v => v.Version == version);
        if (index < 0)
        {
            return Failure.Invalid("version", "policy.version-unknown", $"Policy {policyId} has no loaded version '{Truncate(version)}'; loaded: {string.Join(", ", versions.Select(v => v.Version))}.");
        }

        if (index == 0)
        {
            return Failure.Invalid("version", "policy.version-first", $"Version {version} is the first loaded version of policy {policyId}: it changes nothing.");
        }

        var policy = versions[index];
        var earlier = versions.Take(index).Select(v => v.Version).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var affected = await db.Set<Person>().AsNoTracking()
            .Where(p => p.PolicyId == policy.Id && p.State != PersonState.Erased && earlier.Contains(p.PolicyVersion))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var told = (await db.Set<PolicyChangeNotice>().AsNoTracking().Where(n => n.PolicyId == policy.Id && n.Version == policy.Version)
            .Select(n => n.PersonId).ToListAsync(cancellationToken)).ToHashSet();

        var purpose = incidents.Value.Notices.Purposes.GetValueOrDefault(policy.Id);
        var language = incidents.Value.Notices.LanguageFor(policy);
        var now = time.GetUtcNow().UtcDateTime;
        var list = new List<ChangeListEntry>();
        var entries = new List<AuditEntry>();
        var unreachable = new Dictionary<string, int>(StringComparer.Ordinal);
        var (mailed, done) = (0, 0);
        foreach (var personId in affected.Where(p => !told.Contains(p)))
        {
            var read = purpose is null ? Failure.Invalid("purpose", "notice.no-purpose", "") : await gate.UseAsync(actor, personId, purpose, GateUse.Read, $"{NoticeReason} {policy.Version}", cancellationToken);
            progress?.Report(++done);
            if (read.Failure is { } refused)
            {
                unreachable[refused.Code] = unreachable.GetValueOrDefault(refused.Code) + 1;
                continue;
            }

            var items = read.Value!.Items;
            var notice = new PolicyChangeNotice
            {
                Id = Guid.CreateVersion7(now), PersonId = personId, PolicyId = policy.Id, Version = policy.Version, At = now, Actor = actor.AuditName,
            };
            if (items.GetValueOrDefault("email")?.Trim() is { } email && MailAddresses.IsValid(email))
            {
                var staged = outbox.Stage(db, new OutgoingMail(Template, language, email, RecipientKind.Person, Values(policy, language, items.GetValueOrDefault("name")), PersonId: personId));
                // The template ships with the code: one it cannot render is a defect, not bad input.
                notice.OutboxId = staged.Succeeded ? staged.Value : throw new InvalidOperationException($"The policy change template failed: {staged.Failure!.Code}.");
                notice.Channel = PolicyChangeNotice.Mail;
                mailed++;
            }
            else
            {
                notice.Channel = PolicyChangeNotice.List;
                list.Add(new ChangeListEntry(personId, language, items.GetValueOrDefault("name"), items.GetValueOrDefault("address"), items.GetValueOrDefault("telephone")));
            }

            db.Add(notice);
            entries.Add(new AuditEntry(AuditEventType.PolicyChangeNotified, actor.AuditName, PersonId: personId, Reason: notice.Channel, Subject: $"{policy.Id}/{policy.Version}"));
        }

        if (entries.Count > 0)
        {
            await writeList(list, cancellationToken);
            try
            {
                await audit.CommitAsync(db, entries, cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two notifies of one version at once: the unique key lets one commit; the other tells nobody.
                return Failure.Conflict("policy.notify-busy", "This version's persons are being told by someone else; notify again afterwards.");
            }
        }

        return new ChangeNoticeRun(mailed, list.Count, told.Count, unreachable);
    }

    private Dictionary<string, string> Values(PrivacyPolicy policy, string language, string? name) => new(StringComparer.Ordinal)
    {
        ["name"] = string.IsNullOrWhiteSpace(name) ? NoName.GetValueOrDefault(language, "customer") : name.Trim(),
        ["operator"] = policy.Operator.Name,
        ["version"] = policy.Version,
        ["effective"] = policy.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? policy.Version,
        ["link"] = $"{mail.Value.SiteUrl.TrimEnd('/')}/privacy/changes?policy={Uri.EscapeDataString(policy.Id)}&lang={language}",
    };

    private static readonly Dictionary<string, string> NoName = new(StringComparer.Ordinal) { ["ja"] = "お客様", ["en"] = "customer", ["es"] = "cliente" };

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
