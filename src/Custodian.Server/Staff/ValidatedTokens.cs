using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Custodian.Staff;

namespace Custodian.Server.Staff;

/// <summary>
/// Tokens that passed the database check, kept by the SHA-256 of their secret for <see cref="MaxAge"/>, so a
/// service's requests do not each cost a query. A token revoked or changed (its joint user) by this process is read anew
/// at once; one revoked or changed elsewhere (another server, the command line) at most MaxAge later. Unknown secrets are never kept.
/// </summary>
internal sealed class ValidatedTokens(ApiTokens tokens, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    // Only valid tokens are kept, so this bounds memory against a flood of tokens that all exist.
    private const int MaxKept = 10_000;
    private readonly ConcurrentDictionary<string, (ApiToken Token, DateTimeOffset CheckedAt)> _kept = Forgetting(tokens);

    // A revocation or change made in this process is seen here on the next call; only other processes wait out MaxAge.
    private static ConcurrentDictionary<string, (ApiToken Token, DateTimeOffset CheckedAt)> Forgetting(ApiTokens tokens)
    {
        var kept = new ConcurrentDictionary<string, (ApiToken Token, DateTimeOffset CheckedAt)>(StringComparer.Ordinal);
        tokens.Changed += id =>
        {
            foreach (var entry in kept.Where(e => e.Value.Token.Id == id))
            {
                kept.TryRemove(entry.Key, out _);
            }
        };
        return kept;
    }

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
