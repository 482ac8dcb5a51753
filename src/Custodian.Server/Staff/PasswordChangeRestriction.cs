using Custodian.Common;
using Custodian.Server.Host;

namespace Custodian.Server.Staff;

/// <summary>
/// An account created with an initial password (known to the administrator who made it) works only once its holder
/// has chosen their own: console pages send them to their account page, where the form is, and the API answers 403
/// except for their own /api/v1/staff/me endpoints.
/// </summary>
internal static class PasswordChangeRestriction
{
    public static readonly Failure Required = Failure.Refused(
        "staff.password-change-required", "Choose your own password first (POST /api/v1/staff/me/password or your account page).");

    public static WebApplication UsePasswordChangeRestriction(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // The matched route decides, as for devices: no spelling of a path escapes the hold.
            if (context.User.HasClaim(ConsoleSession.PasswordChangeClaim, "1") && DeviceRestriction.IsGuarded(context))
            {
                if (EndpointRoutes.IsUnder(context, ConsoleSession.HomePath))
                {
                    context.Response.Redirect(ConsoleSession.AccountPath);
                }
                else
                {
                    await Required.ToProblem().ExecuteAsync(context);
                }

                return;
            }

            await next(context);
        });
        return app;
    }
}
