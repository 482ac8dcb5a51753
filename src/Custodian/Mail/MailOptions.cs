using Microsoft.Extensions.Options;
using MimeKit;

namespace Custodian.Mail;

/// <summary>How the outbox reaches people: the SMTP server (Mail:Host empty means mail is not configured) and the retry plan.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty: messages are still queued and wait, and readiness says mail is not configured.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary>The sender, e.g. <c>Privacy Office &lt;privacy@example.jp&gt;</c>.</summary>
    public string From { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>Never logged, never shown.</summary>
    public string Password { get; set; } = "";
    /// <summary>None, StartTls, SslOnConnect or Auto (a string, so that a wrong word fails validation in one line).</summary>
    public string Security { get; set; } = "StartTls";
    /// <summary>Where deadline reminders go: the privacy office's mailbox(es).</summary>
    public string[] PrivacyOffice { get; set; } = [];
    /// <summary>The language of messages to staff.</summary>
    public string StaffLanguage { get; set; } = "ja";
    /// <summary>The public address of this installation (e.g. https://privacy.example.jp), for links in messages.</summary>
    public string SiteUrl { get; set; } = "";
    /// <summary>After this many failed attempts a message is dead: kept, shown, and retried only by staff.</summary>
    public int MaxAttempts { get; set; } = 12;
    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxRetryMinutes"/>.</summary>
    public int FirstRetrySeconds { get; set; } = 60;
    public int MaxRetryMinutes { get; set; } = 240;
    /// <summary>How often the sender looks for due messages; 0 turns the background sender off (the CLI and tests send by hand).</summary>
    public int PollSeconds { get; set; } = 15;
    /// <summary>How long one conversation with the server may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public MailSecurity SecurityMode => Enum.Parse<MailSecurity>(Security, ignoreCase: true);
}

public enum MailSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

/// <summary>Checks the settings at start; each problem is one short sentence naming the setting, never its value.</summary>
internal sealed class MailOptionsValidation : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var errors = new List<string>();
        if (!Enum.TryParse<MailSecurity>(options.Security, ignoreCase: true, out _) || int.TryParse(options.Security, out _))
        {
            errors.Add("Mail:Security must be None, StartTls, SslOnConnect or Auto.");
        }

        if (options.Port is < 1 or > 65535) errors.Add("Mail:Port must be between 1 and 65535.");
        if (options.MaxAttempts is < 1 or > 100) errors.Add("Mail:MaxAttempts must be between 1 and 100.");
        if (options.FirstRetrySeconds is < 0 or > 86400) errors.Add("Mail:FirstRetrySeconds must be between 0 and 86400.");
        if (options.MaxRetryMinutes is < 1 or > 10080) errors.Add("Mail:MaxRetryMinutes must be between 1 and 10080.");
        if (options.PollSeconds is < 0 or > 3600) errors.Add("Mail:PollSeconds must be between 0 and 3600.");
        if (options.TimeoutSeconds is < 1 or > 600) errors.Add("Mail:TimeoutSeconds must be between 1 and 600.");
        if (options.Configured && !MailAddresses.IsValid(options.From))
        {
            errors.Add("Mail:From must be an e-mail address when Mail:Host is set.");
        }

        if (options.PrivacyOffice.Any(a => !MailAddresses.IsValid(a)))
        {
            errors.Add("Mail:PrivacyOffice must list e-mail addresses.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            errors.Add("Mail:UserName and Mail:Password are set together or not at all.");
        }

        if (options.SiteUrl.Length > 0 && !Uri.TryCreate(options.SiteUrl, UriKind.Absolute, out _))
        {
            errors.Add("Mail:SiteUrl must be an absolute address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal static class MailAddresses
{
    /// <summary>A mailbox with a domain: MimeKit alone takes a bare local part such as "nobody".</summary>
    public static bool IsValid(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 320 && MailboxAddress.TryParse(text, out var mailbox)
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < mailbox.Address.Length - 1;
}
