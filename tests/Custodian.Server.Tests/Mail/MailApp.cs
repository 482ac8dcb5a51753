using Custodian.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Server.Tests.Mail;

/// <summary>
/// The server with mail configured towards a <see cref="TestSmtpServer"/> of its own, sending only when a test asks
/// (Mail:PollSeconds 0), retrying at once (Mail:FirstRetrySeconds 0), and keeping everything it logs.
/// </summary>
public abstract class MailApp : CustodianApp
{
    public const string PrivacyOffice = "privacy-office@custodian.test";

    public TestSmtpServer Smtp { get; } = new();

    public LoggedEntries Logged { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Host", "127.0.0.1");
        builder.UseSetting("Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Security", "None");
        builder.UseSetting("Mail:From", "Privacy Office <privacy@custodian.test>");
        builder.UseSetting("Mail:PrivacyOffice:0", PrivacyOffice);
        builder.UseSetting("Mail:SiteUrl", "https://privacy.custodian.test");
        builder.UseSetting("Mail:PollSeconds", "0");
        builder.UseSetting("Mail:FirstRetrySeconds", "0");
        builder.UseSetting("Mail:MaxAttempts", "3");
        builder.UseSetting("Mail:TimeoutSeconds", "2");
        builder.ConfigureLogging(l => l.AddProvider(Logged));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class MailSqliteApp : MailApp
{
    public override string Provider => "sqlite";
}

public sealed class MailPostgresApp : MailApp
{
    private readonly string _database = "custodian_" + Guid.NewGuid().ToString("N")[..12];

    public override string Provider => "postgres";

    protected override string PostgresConnectionString =>
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.AdminConnectionString) { Database = _database }.ToString();

    public override async ValueTask InitializeAsync()
    {
        await PostgresApp.CreateDatabaseAsync(_database);
        await base.InitializeAsync();
    }
}
