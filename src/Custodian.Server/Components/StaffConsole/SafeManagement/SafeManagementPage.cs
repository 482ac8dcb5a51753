using Custodian.Common;
using Custodian.Server.Host;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole.SafeManagement;

/// <summary>What the safe management pages share: the acting staff member, and running one audited change with its outcome.</summary>
public abstract class SafeManagementPage : ConsolePage
{
    protected string? Done { get; private set; }

    /// <summary>Runs one service call; the page shows its failure (naming the field) or <paramref name="done"/>, then reloads.</summary>
    protected async Task RunAsync(Func<Task<Failure?>> command, string done)
    {
        Failure = await command();
        Done = Failure is null ? done : null;
        if (Failure is not null && Failure.Kind != FailureKind.Invalid)
        {
            HttpContext.Response.StatusCode = Failure.Kind == FailureKind.Refused ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        }
        else if (Failure is not null)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        await LoadAsync();
    }

    protected void Fail(Failure failure) => (Failure, Done) = (failure, null);

    protected static Failure Required(string field) => Problems.Required(field);

    protected abstract Task LoadAsync();
}
