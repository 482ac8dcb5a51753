using Custodian.Common;
using Custodian.Policy;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole;

/// <summary>
/// A console page with a <see cref="PersonPicker"/>: staff name a person by the e-mail they registered with and, when
/// several share it, choose one by name and date of birth (read through the gate). No id is typed or shown.
/// </summary>
public abstract class PickerPage : ConsolePage
{
    [Inject] protected PolicyStore Policies { get; set; } = default!;

    [Inject] private protected Custodian.Vault.PersonFinder Finder { get; set; } = default!;

    /// <summary>The e-mail a <see cref="PersonPicker"/> posted, and the persons it names (null before a search).</summary>
    protected string? PersonEmail { get; private set; }

    protected IReadOnlyList<Custodian.Vault.FoundPerson>? FoundPersons { get; private set; }

    protected Guid? ChosenPerson { get; private set; }

    /// <summary>
    /// The person a <see cref="PersonPicker"/> names: the only one with the posted e-mail, or the one chosen among
    /// several. A posted id that the e-mail does not name is refused, so no id can be slipped in.
    /// </summary>
    protected async Task<Guid?> PickPersonAsync()
    {
        PersonEmail = Form("personEmail").Trim();
        if (PersonEmail.Length == 0)
        {
            Failure = Failure.Invalid("personEmail", "required", "Enter the e-mail address the person registered with.");
            return null;
        }

        FoundPersons = await Finder.ByEmailAsync(Actor, Policies.Default, PersonEmail, Custodian.Gate.GateUse.Read, Ct);
        ChosenPerson = FoundPersons.Count == 1 ? FoundPersons[0].Id : FoundPersons.FirstOrDefault(p => p.Id == FormId("personId"))?.Id;
        if (ChosenPerson is null && FoundPersons.Count > 1)
        {
            Failure = Failure.Invalid("personId", "person.choose", "Choose the person from those found.");
        }

        return ChosenPerson;
    }

    protected string Form(string name) => HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].ToString() : "";

    protected Guid? FormId(string name) => Guid.TryParse(Form(name), out var id) ? id : null;
}
