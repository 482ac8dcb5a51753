using Custodian.Common;
using Custodian.Gate;
using Custodian.Server.Host;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole;

/// <summary>What console pages that change things share: who acts, the request's cancellation, and the failure to show.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    protected Failure? Failure { get; set; }

    protected Actor Actor => HttpContext.User.ToActor();

    protected CancellationToken Ct => HttpContext.RequestAborted;
}
