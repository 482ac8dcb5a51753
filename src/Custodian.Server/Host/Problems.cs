using Custodian.Common;

namespace Custodian.Server.Host;

/// <summary>The one place where expected failures become RFC 7807 problem details.</summary>
internal static class Problems
{
    public static IResult ToProblem(this Failure failure)
    {
        var status = failure.Kind switch
        {
            FailureKind.Invalid => StatusCodes.Status422UnprocessableEntity,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Refused => StatusCodes.Status403Forbidden,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Gone => StatusCodes.Status410Gone,
            FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = failure.Code };
        if (failure.Field is not null)
        {
            extensions["field"] = failure.Field;
        }

        var errors = failure.Errors ?? (failure.Field is null ? null : new Dictionary<string, string[]> { [failure.Field] = [$"{failure.Code}: {failure.Detail}"] });
        return errors is not null && failure.Kind == FailureKind.Invalid
            ? Results.ValidationProblem(errors, failure.Detail, statusCode: status, type: TypeOf(failure.Code), extensions: extensions)
            : Results.Problem(failure.Detail, statusCode: status, title: Title(failure.Code), type: TypeOf(failure.Code), extensions: extensions);
    }

    public static IResult ToResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Succeeded ? onSuccess(result.Value!) : result.Failure!.ToProblem();

    /// <summary>A rate limit's refusal, which comes from middleware before any handler could return a Failure.</summary>
    public static IResult TooManyRequests(string code, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", type: TypeOf(code), extensions: extensions);
    }

    /// <summary>A form posted to an endpoint (not a page) without a valid antiforgery token.</summary>
    public static IResult AntiforgeryRefused() =>
        Failure.Invalid("__RequestVerificationToken", "antiforgery", "The form is missing its antiforgery token, or it has expired.").ToProblem();

    public static Failure Required(string field) => Failure.Invalid(field, "required", $"{field} is required.");

    private static string TypeOf(string code) => "urn:custodian:problem:" + code;

    private static string Title(string code) => code switch
    {
        "person.unknown" => "Unknown person",
        "person.erased" => "Erased",
        _ => "Refused: " + code,
    };
}
