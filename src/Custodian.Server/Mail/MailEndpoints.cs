using Custodian.Common;
using Custodian.Mail;
using Custodian.Server.Host;
using Custodian.Server.Staff;
using Custodian.Staff;

namespace Custodian.Server.Mail;

/// <summary>/api/v1/mail: the outbox as the privacy office follows it, and where client companies get their notices.</summary>
internal static class MailEndpoints
{
    public static WebApplication MapMail(this WebApplication app)
    {
        var mail = app.MapGroup("/api/v1/mail").WithTags("Mail");
        mail.MapGet("/status", async (IMailOutbox outbox, CancellationToken ct) => Results.Ok(await outbox.StatusAsync(ct)))
            .RequirePermission(Permissions.RequestsHandle)
            .WithSummary("Whether mail is configured, and how many messages wait, have failed at least once, or are dead");
        mail.MapGet("/outbox", OutboxAsync).RequirePermission(Permissions.RequestsHandle)
            .WithSummary("The newest outbox messages (`state`: queued, failed, dead or sent): template, kind of recipient, request and company; never an address or text");
        mail.MapPost("/outbox/{id:guid}/retry", async (Guid id, HttpContext http, MailQueue queue, CancellationToken ct) =>
                (await queue.RetryAsync(http.User.ToActor(), id, ct)).ToResult(_ => Results.NoContent()))
            .RequirePermission(Permissions.RequestsHandle)
            .WithSummary("Put a dead message back in the queue for another round of attempts");
        mail.MapPut("/companies/{id:guid}/address", async (Guid id, CompanyAddress? body, HttpContext http, MailContacts contacts, CancellationToken ct) =>
                (await contacts.SetAsync(http.User.ToActor(), id, body?.Address, body?.Language, ct)).ToResult(_ => Results.NoContent()))
            .RequirePermission(Permissions.ProvisionManage)
            .WithSummary("Set the address (and language: ja, en or es) a client company receives its notices of withdrawals and stops at");
        return app;
    }

    private static async Task<IResult> OutboxAsync(string? state, MailQueue queue, CancellationToken ct) =>
        state is not null && !MailQueue.States.Contains(state)
            ? Failure.Invalid("state", "mail.state", "One of queued, failed, dead, sent.").ToProblem()
            : Results.Ok(await queue.ListAsync(state, 200, ct));
}

internal sealed record CompanyAddress(string? Address, string? Language);
