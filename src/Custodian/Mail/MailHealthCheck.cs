using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Mail;

/// <summary>
/// Readiness says Degraded (still 200: the server serves, and messages wait) when mail is not configured or a
/// message is dead, so a monitor sees that people are not being reached.
/// </summary>
internal sealed class MailHealthCheck(IMailOutbox outbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await outbox.StatusAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["queued"] = status.Queued, ["failed"] = status.Failed, ["dead"] = status.Dead };
        return !status.Configured ? HealthCheckResult.Degraded("mail.not-configured", data: data)
            : status.Dead > 0 ? HealthCheckResult.Degraded("mail.dead", data: data)
            : HealthCheckResult.Healthy(data: data);
    }
}
