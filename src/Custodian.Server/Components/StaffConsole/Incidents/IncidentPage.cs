using System.Globalization;
using Custodian.Common;
using Custodian.Incidents;
using Custodian.Server.Staff;
using Custodian.Staff;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole.Incidents;

/// <summary>What the incident pages share: the posted fields, names for the staff ids the register keeps, and dates as Japan counts them.</summary>
public abstract class IncidentPage : ConsolePage
{
    [Inject] private protected CallerGrants Grants { get; set; } = default!;

    [Inject] private protected StaffLifecycle Accounts { get; set; } = default!;

    [Inject] protected TimeProvider Time { get; set; } = default!;

    [Inject] private protected Custodian.Provision.ClientCompanyRegistry Companies { get; set; } = default!;

    [Inject] private protected Custodian.Provision.Consignees Consignees { get; set; } = default!;

    [Inject] private protected ApiTokens Tokens { get; set; } = default!;

    private protected Dictionary<Guid, string> StaffNames { get; private set; } = [];

    protected bool MayManage => Grants.Holds(HttpContext.User, Permissions.IncidentsManage);

    protected DateOnly Today => ReportDeadlines.LearnedOn(Time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Whom an incident's actor or containment step can be, by name for the pickers: staff accounts (after
    /// <see cref="LoadNamesAsync"/>), API tokens, consignees and client companies.
    /// </summary>
    private protected async Task<IReadOnlyList<IncidentSubject>> SubjectsAsync() =>
    [
        .. StaffNames.OrderBy(s => s.Value, StringComparer.Ordinal).Select(s => new IncidentSubject("Staff accounts", "staff", s.Key, s.Value)),
        .. (await Tokens.ListAsync(Ct)).OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new IncidentSubject("API tokens", "token", t.Id, t.Name)),
        .. (await Consignees.ListAsync(Ct)).Select(c => new IncidentSubject("Consignees", "consignee", c.Consignee.Id, c.Consignee.Name)),
        .. (await Companies.ListAsync(Ct)).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new IncidentSubject("Client companies", "company", c.Id, c.Name)),
    ];

    protected async Task LoadNamesAsync() => StaffNames = (await Accounts.ListAsync(Ct)).ToDictionary(a => a.Id, a => a.UserName);

    /// <summary>An actor as the audit names it (<c>staff:{id}</c>), shown by its user name.</summary>
    protected string Who(string actor) =>
        actor.StartsWith("staff:", StringComparison.Ordinal) && Guid.TryParse(actor.AsSpan(6), out var id) ? Name(id) : actor;

    protected string Name(Guid staffId) => staffId == Guid.Empty ? "detection" : StaffNames.GetValueOrDefault(staffId, "a removed account");

    protected string Form(string name) => HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].ToString() : "";

    protected IReadOnlyList<string> FormAll(string name) =>
        HttpContext.Request.HasFormContentType ? [.. HttpContext.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)] : [];

    /// <summary>Runs a change that needs incidents.manage, checked again on the post; its failure is what the page shows.</summary>
    protected async Task<T?> ManageAsync<T>(Func<Task<Result<T>>> call)
    {
        Failure = Grants.Require(HttpContext.User, Permissions.IncidentsManage);
        if (Failure is not null)
        {
            return default;
        }

        var result = await call();
        Failure = result.Failure;
        return result.Value;
    }

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static string Instant(DateTime? utc) =>
        utc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), Tokyo).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST" : "—";

    /// <summary>A datetime-local field, read as Japan time.</summary>
    protected static DateTimeOffset? LocalInstant(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Tokyo.GetUtcOffset(local))
            : null;

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
}

/// <summary>An account, token, consignee or company as a picker offers it: its kind as the audit log names it, and its name.</summary>
internal sealed record IncidentSubject(string Group, string Kind, Guid Id, string Label)
{
    public string AuditName => $"{Kind}:{Id}";
}
