using Custodian.Common;
using Custodian.Gate;
using Custodian.Requests;
using Custodian.Requests.Letters;
using Custodian.Server.Host;

namespace Custodian.Server.Requests;

/// <summary>The person downloads their answer from the status page; the session cookie, not a URL, says which request.</summary>
internal static class PersonLetterEndpoints
{
    public static void MapPersonLetters(this WebApplication app)
    {
        app.MapGet("/privacy/requests/letter", (HttpContext http, RequestQueries q, LetterWriter w, CancellationToken ct) => SendAsync(http, q, ct, (a, id) => w.LetterAsync(a, id, ct))).AllowAnonymous();
        app.MapGet("/privacy/requests/disclosure", (HttpContext http, RequestQueries q, LetterWriter w, CancellationToken ct) => SendAsync(http, q, ct, (a, id) => w.ArchiveAsync(a, id, ct))).AllowAnonymous();
    }

    private static async Task<IResult> SendAsync(HttpContext http, RequestQueries queries, CancellationToken ct, Func<Actor, Guid, Task<Result<LetterFile>>> make)
    {
        if (StatusSession.Current(http, out _) is not { } requestId)
        {
            return Failure.Refused("request.session", "Open your request on the status page with its reference and secret first.").ToProblem();
        }

        var detail = await queries.DetailAsync(requestId, ct);
        var actor = new Actor(ActorKind.Person, detail.Value?.PersonId ?? Guid.Empty, "requester");
        return (await make(actor, requestId)).ToResult(f => Results.File(f.Content, f.ContentType, f.FileName));
    }
}
