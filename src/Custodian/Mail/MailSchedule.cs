using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Mail;

/// <summary>Runs the sender every Mail:PollSeconds (0: never; the tests and the CLI send by hand).</summary>
internal sealed partial class MailSchedule(MailSender sender, IOptions<MailOptions> options, TimeProvider time, ILogger<MailSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds == 0 || !options.Value.Configured)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), time);
        try
        {
            do
            {
                try
                {
                    // Drain what is due before waiting again.
                    while (await sender.SendDueAsync(stoppingToken) > 0)
                    {
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Claimed messages are retried when their lease ends; the sender stays up.
                    LogFailed(ex.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down between passes.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail sender's pass failed: {Error}")]
    private partial void LogFailed(string error);
}
