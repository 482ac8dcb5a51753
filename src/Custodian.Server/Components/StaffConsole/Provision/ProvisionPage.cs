using System.Globalization;
using Custodian.Common;
using Custodian.Policy;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole.Provision;

/// <summary>
/// What every provision page shares: the actor, the posted fields and the last failure. Pages only call the
/// provision services; the rules live there.
/// </summary>
public abstract class ProvisionPage : PickerPage
{
    [Inject] private protected Staff.CallerGrants Grants { get; set; } = default!;

    protected IReadOnlyList<string> FormAll(string name) =>
        HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];

    protected DateOnly? FormDay(string name) => ParseDay(Form(name));

    protected static DateOnly? ParseDay(string? value) =>
        Calendars.Days.TryParse(value, out var day) ? day : null;

    /// <summary>Runs one service call; its failure, if any, is what the page shows.</summary>
    protected async Task<T?> RunAsync<T>(Task<Result<T>> call)
    {
        var result = await call;
        Failure = result.Failure;
        return result.Value;
    }

    /// <summary>Runs a call that needs a permission beyond the page's own; without it, nothing is called.</summary>
    private protected async Task<T?> RunAsync<T>(string permission, Func<Task<Result<T>>> call)
    {
        if (Grants.Require(HttpContext.User, permission) is { } missing)
        {
            Failure = missing;
            return default;
        }

        return await RunAsync(call());
    }

    /// <summary>An id in a link or a form that names nothing; the words never ask anyone to type an id.</summary>
    protected static Failure MissingId(string field) => Failure.Invalid(field, "id", field switch
    {
        "person" => "The person in this link is not valid: find the person again.",
        "company" => "The company in this link is not valid: choose the company again.",
        _ => "Choose a staff account.",
    });

    protected string Term(PrivacyPolicy policy, string id) => policy.Terms.TryGetValue(id, out var text) ? text[Language.ConsoleLanguage.Of(HttpContext)] : id;

    /// <summary>A country's name with its code (Japan (JP)); the code alone when the list does not know it.</summary>
    protected static string CountryName(string code, string language = "en") => Custodian.Provision.Countries.Find(code) is { } country ? $"{country.Name(language)} ({country.Code})" : code;

    protected static string Day(DateTime? instant) => instant?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    protected static string Instant(DateTime? instant) => instant?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";
}
