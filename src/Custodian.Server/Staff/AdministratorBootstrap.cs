using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// Creates the first administrator on a database with no staff. Hosted services start one after another in
/// the order they are registered, and <c>AddStaff</c> runs after <c>AddCustodianHost</c> has registered
/// <see cref="Host.FirstStart"/>, so the schema is migrated and the key file open by the time this runs.
/// The generated password goes to standard output, not to the logger, so it never lands in log files.
/// </summary>
internal sealed class AdministratorBootstrap(StaffAccounts accounts, IConfiguration configuration) : IHostedService
{
    public const string PasswordVariable = "CUSTODIAN_ADMIN_PASSWORD";

    public Task StartAsync(CancellationToken cancellationToken) =>
        accounts.EnsureAdministratorAsync(configuration[PasswordVariable], Console.Out, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
