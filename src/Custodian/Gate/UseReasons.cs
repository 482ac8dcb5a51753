using System.Text;
using Custodian.Storage;
using Custodian.Vault;
using Custodian.Vault.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custodian.Gate;

/// <summary>
/// Why one use of a catch-all purpose (the policy's "anything specified at the time we obtain personal information",
/// "any other work related or incidental") was made. The text may name people, so it is sealed and the audit event
/// carries only this row's id.
/// </summary>
internal sealed class UseReason
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Purpose { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTime At { get; set; }
    public byte[] Sealed { get; set; } = [];
}

internal sealed class UseReasonConfiguration : IEntityTypeConfiguration<UseReason>
{
    public void Configure(EntityTypeBuilder<UseReason> builder)
    {
        builder.ToTable("gate_use_reasons");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.PersonId);
    }
}

/// <summary>Seals and opens the reasons under a sub-key of the key provider; forgets them with the person.</summary>
public sealed class UseReasons(IKeyProvider keys) : IErasureParticipant
{
    /// <summary>The audit event's subject for a use made for the reason <paramref name="id"/>.</summary>
    public const string SubjectPrefix = "reason:";

    /// <summary>A reason longer than this is refused: it is a note, not a document.</summary>
    public const int MaxLength = 1000;

    private readonly Lazy<byte[]> _key = new(() => keys.DeriveKey(KeyUses.UseReasons));

    internal UseReason New(Guid id, Guid personId, string purpose, string actor, DateTime at, string text) => new()
    {
        Id = id, PersonId = personId, Purpose = purpose, Actor = actor, At = at,
        Sealed = Aead.Seal(_key.Value, Encoding.UTF8.GetBytes(text), id.ToByteArray(bigEndian: true)),
    };

    /// <summary>The texts of the reasons named, by id; a reason forgotten with its person is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> TextsAsync(CustodianDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Set<UseReason>().AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.Sealed }).ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => Aead.Open(_key.Value, r.Sealed, r.Id.ToByteArray(bigEndian: true)) is { } text
                ? Encoding.UTF8.GetString(text)
                : throw new InvalidOperationException($"Use reason {r.Id} does not open with the current key."));
    }

    /// <summary>The reason a subject names: <c>reason:{id}</c>, or in a batch use <c>reason:{id} {the batch's subject}</c>.</summary>
    public static Guid? IdOf(string? subject) =>
        subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) && Guid.TryParse(IdPart(subject.AsSpan(SubjectPrefix.Length)), out var id) ? id : null;

    private static ReadOnlySpan<char> IdPart(ReadOnlySpan<char> rest) => rest.IndexOf(' ') is var space and >= 0 ? rest[..space] : rest;

    public Task EraseAsync(CustodianDb db, IReadOnlyList<Guid> personIds, CancellationToken cancellationToken) =>
        db.Set<UseReason>().Where(r => personIds.Contains(r.PersonId)).ExecuteDeleteAsync(cancellationToken);
}
