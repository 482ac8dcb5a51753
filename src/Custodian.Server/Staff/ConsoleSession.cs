using System.Security.Claims;
using Custodian.Server.Host;
using Custodian.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Staff;

/// <summary>
/// The console's two cookies: a short one that remembers a passed password step until the code is typed,
/// and the session itself, which carries the <see cref="ActorClaims"/> and nothing that names the person.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "Console";
    public const string PendingScheme = "ConsoleSignIn";
    public const string Policy = "console";
    public const string CompanyPolicy = "company-portal";
    public const string SignInPath = "/console/sign-in";
    public const string CodePath = "/console/sign-in/code";
    public const string HomePath = "/console";
    public const string CompanyHomePath = "/company";
    public const string AccountPath = "/console/account";

    /// <summary>The server-side session (<see cref="StaffSessions"/>) this cookie belongs to.</summary>
    public const string SessionClaim = "sid";

    /// <summary>Present while the account still has its initial password; see <see cref="PasswordChangeRestriction"/>.</summary>
    public const string PasswordChangeClaim = "pwd_change";

    public static AuthenticationBuilder AddConsoleCookies(this AuthenticationBuilder builder)
    {
        // The server's session row decides idle and lifetime and records why a session ended; the ticket's own
        // expiry, a little later, is only a backstop.
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptionsMonitor<StaffOptions>>((o, staff) => o.ExpireTimeSpan = staff.CurrentValue.SessionLifetime + TimeSpan.FromHours(1));
        builder.Services.AddOptions<StaffOptions>()
            .Validate(o => o.SessionIdleTimeout >= TimeSpan.FromMinutes(1) && o.SessionLifetime >= o.SessionIdleTimeout,
                "Staff:SessionIdleTimeout is at least a minute and Staff:SessionLifetime at least as long.");
        return builder.AddCookie(Scheme, o =>
        {
            Harden(o, "custodian.session", "/");
            o.SlidingExpiration = false;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            // Outside the console (the API) a missing session is a 401, not a redirect to a page.
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateAsync;
        })
        .AddCookie(PendingScheme, o =>
        {
            Harden(o, "custodian.sign-in", SignInPath);
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        });
    }

    /// <summary>Remembers that <paramref name="accountId"/> passed the password step.</summary>
    public static Task BeginAsync(HttpContext context, Guid accountId) =>
        context.SignInAsync(PendingScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ActorClaims.Id, accountId.ToString())], PendingScheme)));

    public static async Task<Guid?> PendingAccountAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PendingScheme);
        return Guid.TryParse(result.Principal?.FindFirstValue(ActorClaims.Id), out var id) ? id : null;
    }

    /// <summary>The second step passed: trades the pending cookie for the session.</summary>
    public static async Task CompleteAsync(HttpContext context, StaffAccount account)
    {
        await context.SignOutAsync(PendingScheme);
        var sessions = context.RequestServices.GetRequiredService<StaffSessions>();
        var session = await sessions.StartAsync(account.Id, context.Request.Headers.UserAgent.ToString(), context.RequestAborted);
        var identity = new ClaimsIdentity(
            [
                new Claim(ActorClaims.Id, account.Id.ToString()),
                new Claim(ActorClaims.Kind, "staff"),
                new Claim(ActorClaims.Role, account.Role),
                new Claim(SessionClaim, session.ToString()),
            ],
            Scheme, ActorClaims.Id, ActorClaims.Role);
        if (account.JointUser is { } member)
        {
            identity.AddClaim(new Claim(ActorClaims.JointUser, member));
        }

        if (account.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChangeClaim, "1"));
        }

        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    /// <summary>After the password change: the same session, its cookie reissued without the claim that held it back.</summary>
    public static async Task PasswordChangedAsync(HttpContext context)
    {
        var current = await context.AuthenticateAsync(Scheme);
        if (current.Principal?.Identity is ClaimsIdentity { } identity && identity.FindFirst(PasswordChangeClaim) is { } claim)
        {
            var fresh = identity.Clone();
            fresh.RemoveClaim(fresh.FindFirst(PasswordChangeClaim));
            await context.SignInAsync(Scheme, new ClaimsPrincipal(fresh));
        }
    }

    public static Guid? SessionId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(SessionClaim), out var id) ? id : null;

    // Every request: a session that has run out or was ended elsewhere gets no data, page or API.
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal!;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (SessionId(user) is { } session && Guid.TryParse(user.FindFirstValue(ActorClaims.Id), out var account)
            && await sessions.ContinueAsync(session, account, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static void Harden(CookieAuthenticationOptions o, string name, string path)
    {
        o.Cookie.Name = name;
        o.Cookie.Path = path;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Cookie.IsEssential = true;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (EndpointRoutes.IsUnder(context.HttpContext, HomePath))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = status;
        }

        return Task.CompletedTask;
    }
}
