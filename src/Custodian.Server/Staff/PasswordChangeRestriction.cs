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

    private const string OwnApi = "/api/v1/staff/me";

    public static WebApplication UsePasswordChangeRestriction(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.User.HasClaim(ConsoleSession.PasswordChangeClaim, "1") && IsGuarded(context.Request.Path))
            {
                if (context.Request.Path.StartsWithSegments(ConsoleSession.HomePath, StringComparison.Ordinal))
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

    private static bool IsGuarded(PathString path) =>
        (path.StartsWithSegments(ConsoleSession.HomePath, StringComparison.Ordinal) || path.StartsWithSegments("/api", StringComparison.Ordinal))
        && !path.StartsWithSegments(ConsoleSession.AccountPath, StringComparison.Ordinal)
        && !path.StartsWithSegments("/console/sign-in", StringComparison.Ordinal)
        && !path.StartsWithSegments("/console/sign-out", StringComparison.Ordinal)
        && !path.StartsWithSegments(OwnApi, StringComparison.Ordinal);
}
