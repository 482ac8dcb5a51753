using Custodian.Common;
using Custodian.Storage;

namespace Custodian.Gate;

/// <summary>
/// One rule of the gate. Modules add their rules by registering an implementation; the gate runs them in
/// registration order and refuses at the first failure. A check must not decrypt anything.
/// </summary>
public interface IGateCheck
{
    ValueTask<Failure?> CheckAsync(GateRequest request, CustodianDb db, CancellationToken cancellationToken);
}

/// <summary>
/// Shapes what leaves the gate (hiding or masking items the actor may not see). Runs after the audit event
/// is durable and before the data is returned, so nothing upstream ever sees more.
/// </summary>
public interface IGateViewFilter
{
    IReadOnlyDictionary<string, string> Filter(GateRequest request, IReadOnlyDictionary<string, string> items);
}
