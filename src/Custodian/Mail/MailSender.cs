using Custodian.Audit;
using Custodian.Gate;
using Custodian.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Custodian.Mail;

/// <summary>
/// Delivers what is due: claims a batch (so two servers never send one message at once), talks to the SMTP server,
/// and records each outcome. A failure of any kind, a refusal (5xx) included, is retried with a doubling wait
/// until Mail:MaxAttempts, then the message is dead and waits for staff. Logs name outbox ids and error codes only.
/// </summary>
internal sealed partial class MailSender(
    IDbContextFactory<CustodianDb> factory, MailSeal seal, AuditLog audit, IOptions<MailOptions> options, TimeProvider time, ILogger<MailSender> logger)
{
    private const int BatchSize = 20;

    /// <summary>One pass; the number of messages the server accepted. Does nothing while mail is not configured.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Configured)
        {
            return 0;
        }

        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        string? unreachable = null;
        foreach (var id in claimed)
        {
            // A server that cannot be reached fails the rest of the batch with the same code, without waiting again.
            var error = unreachable ?? await TrySendAsync(client, settings, id, cancellationToken);
            if (error is null)
            {
                sent++;
                continue;
            }

            unreachable = client.IsConnected ? null : error;
            await FailedAsync(settings, id, error, cancellationToken);
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }

        return sent;
    }

    /// <summary>The wait before attempt <paramref name="attempts"/>+1: FirstRetrySeconds doubled per failure, at most MaxRetryMinutes.</summary>
    internal static TimeSpan Backoff(int attempts, MailOptions settings)
    {
        var seconds = settings.FirstRetrySeconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.MaxRetryMinutes * 60.0));
    }

    private async Task<List<Guid>> ClaimAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<MailOutboxEntry>().AsNoTracking()
            .Where(m => m.State == MailState.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(BatchSize).Select(m => new { m.Id, m.Version })
            .ToListAsync(cancellationToken);
        // A sender that dies mid-conversation leaves the message to be tried again when this lease ends.
        var lease = now.AddSeconds((settings.TimeoutSeconds * 2) + 60);
        var claimed = new List<Guid>();
        foreach (var row in due)
        {
            var won = await db.Set<MailOutboxEntry>().Where(m => m.Id == row.Id && m.Version == row.Version && m.State == MailState.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, row.Version + 1).SetProperty(m => m.NextAttemptAt, lease), cancellationToken);
            if (won == 1)
            {
                claimed.Add(row.Id);
            }
        }

        return claimed;
    }

    private async Task<string?> TrySendAsync(SmtpClient client, MailOptions settings, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Set<MailOutboxEntry>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (entry is null)
        {
            return null; // Erased meanwhile: nothing to send, nothing to record.
        }

        var content = seal.Open(id, MailOutbox.Role, entry.KeyId, entry.WrappedKey, entry.Sealed, MailJson.Default.MailContent);
        if (content is null)
        {
            return "mail.unreadable";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync(settings.Host, settings.Port, Socket(settings.SecurityMode), timeout.Token);
                if (settings.UserName.Length > 0)
                {
                    await client.AuthenticateAsync(settings.UserName, settings.Password, timeout.Token);
                }
            }

            using var message = Message(settings, id, content);
            await client.SendAsync(message, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Classify(ex) is { } code)
        {
            if (ex is not SmtpCommandException && client.IsConnected)
            {
                // The conversation's state is unknown after anything but a refused command: start again.
                await client.DisconnectAsync(quit: false, CancellationToken.None);
            }

            return code;
        }

        var now = time.GetUtcNow().UtcDateTime;
        entry.State = MailState.Sent;
        entry.SentAt = now;
        entry.LastAttemptAt = now;
        entry.Attempts++;
        entry.Sealed = null;
        entry.WrappedKey = [];
        await audit.CommitAsync(db, [new(AuditEventType.MailSent, Actor.System.AuditName, PersonId: entry.PersonId, Reason: entry.Template, Subject: id.ToString())], CancellationToken.None);
        LogSent(id, entry.Attempts);
        return null;
    }

    private async Task FailedAsync(MailOptions settings, Guid id, string error, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.Set<MailOutboxEntry>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (entry is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        entry.Attempts++;
        entry.LastError = error;
        entry.LastAttemptAt = now;
        if (entry.Attempts >= settings.MaxAttempts || error == "mail.unreadable")
        {
            entry.State = MailState.Dead;
            await audit.CommitAsync(db, [new(AuditEventType.MailDead, Actor.System.AuditName, AuditOutcome.Refused, entry.PersonId, Reason: error, Subject: id.ToString())], CancellationToken.None);
            LogDead(id, entry.Attempts, error);
            return;
        }

        entry.NextAttemptAt = now + Backoff(entry.Attempts, settings);
        await db.SaveChangesAsync(CancellationToken.None);
        LogRetry(id, entry.Attempts, error, entry.NextAttemptAt);
    }

    private static MimeMessage Message(MailOptions settings, Guid id, MailContent content)
    {
        var message = new MimeMessage
        {
            // The outbox id as Message-Id: a message sent twice (the server accepted it, then we crashed) is recognisable.
            MessageId = $"{id:N}@custodian.invalid",
            Subject = content.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = content.Body },
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(content.To));
        return message;
    }

    private static SecureSocketOptions Socket(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };

    // Codes only: a server's reply text may quote the address, so it never reaches a log or the outbox.
    private static string? Classify(Exception ex) => ex switch
    {
        SmtpCommandException command => $"smtp.{(int)command.StatusCode}",
        SmtpProtocolException => "smtp.protocol",
        AuthenticationException => "smtp.auth",
        SslHandshakeException => "smtp.tls",
        NotSupportedException => "smtp.tls",
        OperationCanceledException or TimeoutException => "smtp.timeout",
        System.Net.Sockets.SocketException => "smtp.connect",
        IOException or MailKit.ServiceNotConnectedException => "smtp.io",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {OutboxId} sent after {Attempts} attempt(s)")]
    private partial void LogSent(Guid outboxId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {OutboxId} not sent ({Error}), attempt {Attempts}; next try at {NextAttemptAt:O}")]
    private partial void LogRetry(Guid outboxId, int attempts, string error, DateTime nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {OutboxId} given up after {Attempts} attempt(s) ({Error}); it waits in the outbox for staff")]
    private partial void LogDead(Guid outboxId, int attempts, string error);
}
