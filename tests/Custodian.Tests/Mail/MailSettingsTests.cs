using Custodian.Mail;

namespace Custodian.Tests.Mail;

public sealed class MailSettingsTests
{
    private static readonly MailOptions Retry = new() { FirstRetrySeconds = 60, MaxRetryMinutes = 30 };

    [Fact]
    public void The_wait_doubles_after_each_failure_up_to_the_ceiling()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), MailSender.Backoff(1, Retry));
        Assert.Equal(TimeSpan.FromMinutes(2), MailSender.Backoff(2, Retry));
        Assert.Equal(TimeSpan.FromMinutes(16), MailSender.Backoff(5, Retry));
        Assert.Equal(TimeSpan.FromMinutes(30), MailSender.Backoff(6, Retry));
        Assert.Equal(TimeSpan.FromMinutes(30), MailSender.Backoff(99, Retry));
    }

    [Fact]
    public void No_host_means_not_configured_and_is_valid_so_messages_wait()
    {
        var options = new MailOptions();

        Assert.False(options.Configured);
        Assert.True(new MailOptionsValidation().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("starttls")]
    [InlineData("SslOnConnect")]
    [InlineData("Auto")]
    public void The_four_security_modes_are_accepted_in_any_case(string security) =>
        Assert.True(new MailOptionsValidation().Validate(null, new MailOptions { Host = "smtp", From = "a@example.com", Security = security }).Succeeded);

    [Theory]
    [InlineData("Tls")]
    [InlineData("1")]
    [InlineData("")]
    public void Another_security_word_fails(string security) =>
        Assert.Contains("Mail:Security", new MailOptionsValidation().Validate(null, new MailOptions { Security = security }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void A_bad_privacy_office_address_fails_without_quoting_it()
    {
        var result = new MailOptionsValidation().Validate(null, new MailOptions { PrivacyOffice = ["not an address"] });

        Assert.Contains("Mail:PrivacyOffice", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("not an address", result.FailureMessage, StringComparison.Ordinal);
    }
}
