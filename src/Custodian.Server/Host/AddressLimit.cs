using System.Globalization;
using Custodian.Storage;

namespace Custodian.Server.Host;

/// <summary>
/// So many uses per window from one client address (or network), counted by <see cref="AddressCounts"/>: across every
/// server on PostgreSQL. Beyond it the request is answered 429 with a problem body and Retry-After, the seconds until
/// the window ends.
/// </summary>
internal sealed record AddressLimit(string Name, int Permits, TimeSpan Window, string Code, string Detail, string? Field = null)
{
    /// <summary>True when the request may go on; otherwise it has been answered.</summary>
    public async Task<bool> AdmitAsync(HttpContext context, string address)
    {
        var services = context.RequestServices;
        var counted = await services.GetRequiredService<AddressCounts>().CountAsync(Name + ":" + address, Window, context.RequestAborted);
        if (counted.Count <= Permits)
        {
            return true;
        }

        var left = counted.WindowEnds - services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        context.Response.Headers.RetryAfter = Math.Max(1, (left + 999) / 1000).ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests(Code, Detail, Field).ExecuteAsync(context);
        return false;
    }
}
