using Custodian.Server.Staff;
using Custodian.Staff;
using Custodian.Provision;
using Custodian.Server.Host;

namespace Custodian.Server.Provision;

/// <summary>/api/v1/client-companies: profile, contract on the handling of personal data, same-care agreement, console users.</summary>
internal static class ClientCompanyEndpoints
{
    public static WebApplication MapClientCompanies(this WebApplication app)
    {
        var companies = app.MapGroup("/api/v1/client-companies").WithTags("Provision").RequirePermission(Permissions.ProvisionManage);
        companies.MapPost("/", RegisterAsync).WithSummary("Register a User Company (every industry is allowed)");
        companies.MapGet("/", async (ClientCompanyRegistry registry, CancellationToken ct) => Results.Ok(new { companies = await registry.ListAsync(ct) }));
        companies.MapGet("/{id:guid}", async (Guid id, ClientCompanyRegistry registry, CancellationToken ct) =>
            await registry.FindAsync(id, ct) is { } company ? Results.Ok(company) : ClientCompanyRegistry.UnknownCompany.ToProblem());
        companies.MapPut("/{id:guid}", UpdateAsync).WithSummary("Correct a company's name, industry or country (ISO 3166 code or name)");
        companies.MapPut("/{id:guid}/contract", ContractAsync).WithSummary("Record the contract on the handling of personal data");
        companies.MapPut("/{id:guid}/same-care-agreement", SameCareAsync).WithSummary("Record that a company abroad manages the data with the same degree of care");
        companies.MapPost("/{id:guid}/users", LinkUserAsync).WithSummary("Make a console account (role client-company) the company's");
        return app;
    }

    private static async Task<IResult> RegisterAsync(CompanyBody body, HttpContext http, ClientCompanyRegistry registry, CancellationToken ct) =>
        (await registry.RegisterAsync(http.User.ToActor(), body.Name, body.Industry, body.Country, ct))
            .ToResult(c => Results.Created($"/api/v1/client-companies/{c.Id}", c));

    private static async Task<IResult> UpdateAsync(Guid id, CompanyBody body, HttpContext http, ClientCompanyRegistry registry, CancellationToken ct) =>
        (await registry.UpdateAsync(http.User.ToActor(), id, body.Name, body.Industry, body.Country, ct)).ToResult(Results.Ok);

    private static async Task<IResult> ContractAsync(Guid id, ContractBody body, HttpContext http, ClientCompanyRegistry registry, CancellationToken ct) =>
        (await registry.RecordContractAsync(http.User.ToActor(), id, body.SignedOn, body.Document, body.ExpiresOn, ct)).ToResult(Results.Ok);

    private static async Task<IResult> SameCareAsync(Guid id, SameCareBody body, HttpContext http, ClientCompanyRegistry registry, CancellationToken ct) =>
        (await registry.RecordSameCareAsync(http.User.ToActor(), id, body.AgreedOn, body.Document, ct)).ToResult(Results.Ok);

    private static async Task<IResult> LinkUserAsync(Guid id, CompanyUserBody body, HttpContext http, ClientCompanyRegistry registry, CancellationToken ct) =>
        body.StaffAccountId is not { } account
            ? Problems.Required("staffAccountId").ToProblem()
            : (await registry.LinkUserAsync(http.User.ToActor(), id, account, ct)).ToResult(companyId => Results.Ok(new { companyId, staffAccountId = account }));
}

internal sealed record CompanyBody(string? Name, string? Industry, string? Country);

internal sealed record ContractBody(DateOnly? SignedOn, string? Document, DateOnly? ExpiresOn);

internal sealed record SameCareBody(DateOnly? AgreedOn, string? Document);

internal sealed record CompanyUserBody(Guid? StaffAccountId);
