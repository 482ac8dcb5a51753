using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// Tokens that passed the database check, kept by the SHA-256 of their secret for <see cref="MaxAge"/>, so a
/// service's requests do not each cost a query. A token revoked anywhere (its RevokedAt set by this server,
/// another one or the command line) stops working at most MaxAge later. Unknown secrets are never kept.
/// </summary>
internal sealed class ValidatedTokens(ApiTokens tokens, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    // Only valid tokens are kept, so this bounds memory against a flood of tokens that all exist.
    private const int MaxKept = 10_000;
    private readonly ConcurrentDictionary<string, (ApiToken Token, DateTimeOffset CheckedAt)> _kept = new(StringComparer.Ordinal);

    public async ValueTask<ApiToken?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        var now = time.GetUtcNow();
        if (_kept.TryGetValue(key, out var kept) && now - kept.CheckedAt < MaxAge)
        {
            return kept.Token;
        }

        var token = await tokens.FindAsync(secret, cancellationToken);
        if (token is null)
        {
            _kept.TryRemove(key, out _);
            return null;
        }

        if (_kept.Count >= MaxKept)
        {
            _kept.Clear();
        }

        _kept[key] = (token, now);
        return token;
    }
}
