using System.Security.Claims;
using System.Text.Encodings.Web;
using Custodian.Server.Host;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Custodian.Server.Staff;

/// <summary><c>Authorization: Bearer cst_…</c> for services; the token's purposes become the actor's.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }

        var claims = new List<Claim>
        {
            new(ActorClaims.Id, token.Id.ToString()),
            new(ActorClaims.Kind, "token"),
            new(ActorClaims.Role, token.Role),
        };
        if (token.JointUser is { } member)
        {
            claims.Add(new(ActorClaims.JointUser, member));
        }

        claims.AddRange(token.Purposes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => new Claim(ActorClaims.Purpose, p)));
        claims.AddRange(token.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => new Claim(ActorClaims.Permission, p)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ActorClaims.Id, ActorClaims.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
