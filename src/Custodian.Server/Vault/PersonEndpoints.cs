using Custodian.Staff;
using Custodian.Server.Staff;
using Custodian.Gate;
using Custodian.Server.Host;
using Custodian.Vault;

namespace Custodian.Server.Vault;

/// <summary>/api/v1/persons: register, find, read through the gate, correct and add, erase.</summary>
internal static class PersonEndpoints
{
    public static WebApplication MapVault(this WebApplication app)
    {
        var persons = app.MapGroup("/api/v1/persons").WithTags("Persons");
        persons.MapPost("/", RegisterAsync).RequirePermission(Permissions.PersonsRegister).WithSummary("Register a person through a channel of the policy");
        persons.MapPost("/search", SearchAsync).RequirePermission(Permissions.PersonsSearch).WithSummary("Find persons by exact e-mail or telephone (blind index); ids only");
        persons.MapGet("/{id:guid}", ReadAsync).RequirePermission(Permissions.PersonsRead).WithSummary("Read a person for a declared purpose of use, through the gate");
        persons.MapPost("/{id:guid}/reads", ReadForReasonAsync).RequirePermission(Permissions.PersonsRead)
            .WithSummary("Read a person for a declared purpose, saying why: a catch-all purpose needs the reason, recorded sealed with the use");
        persons.MapPatch("/{id:guid}/items", UpdateItemsAsync).RequirePermission(Permissions.PersonsCorrect).WithSummary("Correct items held and add new ones");
        persons.MapUseSuspensions();
        persons.MapDelete("/{id:guid}", EraseAsync).RequirePermission(Permissions.PersonsErase).WithSummary("Erase a person: destroy their key, then delete their items");
        return app;
    }

    private static async Task<IResult> RegisterAsync(RegisterPersonRequest body, HttpContext http, PersonVault vault, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Channel))
        {
            return Problems.Required("channel").ToProblem();
        }

        if (body.Items is null)
        {
            return Problems.Required("items").ToProblem();
        }

        var result = await vault.RegisterAsync(http.User.ToActor(), new Registration(body.Channel, body.Items, body.Consents, body.PolicyId), ct);
        return result.ToResult(id => Results.Created($"/api/v1/persons/{id}", new { id }));
    }

    private static async Task<IResult> SearchAsync(SearchPersonsRequest body, HttpContext http, PersonVault vault, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Purpose))
        {
            return Problems.Required("purpose").ToProblem();
        }

        var (kind, value) = (body.Email, body.Telephone) switch
        {
            ({ } email, null) => ("email", email),
            (null, { } telephone) => ("telephone", telephone),
            _ => ("", ""),
        };
        if (kind.Length == 0)
        {
            return Custodian.Common.Failure.Invalid("email", "search.one-key", "Give exactly one of email or telephone.").ToProblem();
        }

        var result = await vault.LookUpAsync(http.User.ToActor(), kind, value, body.Purpose, ct);
        return result.ToResult(ids => Results.Ok(new { persons = ids }));
    }

    private static async Task<IResult> ReadAsync(Guid id, string? purpose, HttpContext http, PersonGate gate, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(purpose))
        {
            return Problems.Required("purpose").ToProblem();
        }

        var result = await gate.ReadAsync(http.User.ToActor(), id, purpose, ct);
        return result.ToResult(view => Results.Ok(view));
    }

    // The reason travels in the body: it may name people, so it stays out of the URL, and it may be Japanese, so not a header.
    private static async Task<IResult> ReadForReasonAsync(Guid id, ReadForReasonRequest body, HttpContext http, PersonGate gate, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Purpose))
        {
            return Problems.Required("purpose").ToProblem();
        }

        var result = await gate.UseAsync(http.User.ToActor(), id, body.Purpose, GateUse.Read, body.Reason, ct);
        return result.ToResult(view => Results.Ok(view));
    }

    private static async Task<IResult> UpdateItemsAsync(Guid id, UpdateItemsRequest body, HttpContext http, PersonVault vault, CancellationToken ct)
    {
        if (body.Items is null || body.Items.Count == 0)
        {
            return Problems.Required("items").ToProblem();
        }

        var result = await vault.UpdateItemsAsync(http.User.ToActor(), id, body.Items, ct);
        return result.ToResult(changed => Results.Ok(new { changed }));
    }

    private static async Task<IResult> EraseAsync(Guid id, HttpContext http, PersonVault vault, CancellationToken ct)
    {
        var result = await vault.EraseAsync(http.User.ToActor(), id, ct);
        return result.ToResult(_ => Results.NoContent());
    }
}

internal sealed record RegisterPersonRequest(string? Channel, Dictionary<string, string?>? Items, List<string>? Consents, string? PolicyId);

internal sealed record SearchPersonsRequest(string? Email, string? Telephone, string? Purpose);

internal sealed record UpdateItemsRequest(Dictionary<string, string?>? Items);

internal sealed record ReadForReasonRequest(string? Purpose, string? Reason);
