using System.Security.Cryptography;
using Custodian.Audit;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Custodian.Vault.Keys;

/// <summary>
/// Opens the key file, creating it only for a database that has never held anything: a new key over old data would
/// make that data unreadable, so a missing key file then stops the start instead. The key is then checked against
/// the database's key check, so that a damaged or foreign key file stops the start rather than sealing new data under it.
/// A key check of a key that a rotation retired is accepted when the key file holds its successor (an unfinished
/// rotation, or a backup restored from before one): the retired key still opens what it wrapped.
/// </summary>
public sealed class KeyBootstrap(IOptions<StorageOptions> options, IDbContextFactory<CustodianDb> factory, TimeProvider time, ILogger<KeyBootstrap>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly Lazy<Opened> _opened = new(() => Open(options.Value, factory, time, logger ?? (ILogger)NullLogger.Instance));
    private bool _checked;

    public IKeyProvider Provider => _opened.Value.Provider;

    internal FileKeyProvider FileProvider => _opened.Value.Provider;

    /// <summary>
    /// The start's check, after migrations: services built before them (a hosted service taking the key) opened the
    /// key while the key check's table did not exist yet, so the check runs here, once, if it has not run.
    /// </summary>
    public void EnsureChecked()
    {
        var opened = _opened.Value;
        lock (_opened)
        {
            if (_checked || opened.Checked)
            {
                return;
            }

            using var db = factory.CreateDbContext();
            if (DatabaseMigrator.Applied(db).Contains(KeyCheckMigrationId))
            {
                Verify(db, opened.Provider, KeyFilePath, opened.Created, time, _logger);
                _checked = true;
            }
        }
    }

    public string KeyFilePath => FileKeyProvider.PathIn(options.Value.DataDirectory);

    /// <summary>Null while the key file on disk is still the key in use or its rotated successor; else why not (for readiness).</summary>
    public string? CheckKeyFile() => _opened.Value.Provider.CheckFile();

    private static Opened Open(StorageOptions options, IDbContextFactory<CustodianDb> factory, TimeProvider time, ILogger logger)
    {
        var path = FileKeyProvider.PathIn(options.DataDirectory);
        using var db = factory.CreateDbContext();
        var applied = DatabaseMigrator.Applied(db);
        var mayCreate = !File.Exists(path) && !HoldsAnything(db, applied);
        var result = FileKeyProvider.Open(path, mayCreate, logger);
        var provider = result.Provider ?? throw new KeyFileException(result.Error!);
        // Before the key check's table exists (a new SQLite database, PostgreSQL not yet migrated) there is nowhere to
        // keep it: EnsureChecked, after the migrations, checks.
        if (!applied.Contains(KeyCheckMigrationId))
        {
            return new(provider, mayCreate, Checked: false);
        }

        Verify(db, provider, path, mayCreate, time, logger);
        return new(provider, mayCreate, Checked: true);
    }

    private sealed record Opened(FileKeyProvider Provider, bool Created, bool Checked);

    /// <summary>Persons (even all erased), audit events, checkpoints or a key check: each depends on the key that exists.</summary>
    private static bool HoldsAnything(CustodianDb db, HashSet<string> applied) =>
        (applied.Contains(VaultMigrationId) && (db.Set<Person>().Any() || db.Set<PersonKey>().Any()))
        || (applied.Contains(AuditMigrationId) && (db.Set<AuditEvent>().Any() || db.Set<AuditCheckpoint>().Any()))
        || (applied.Contains(KeyCheckMigrationId) && db.Set<KeyCheck>().Any());

    private static void Verify(CustodianDb db, FileKeyProvider provider, string path, bool created, TimeProvider time, ILogger logger)
    {
        var check = provider.CheckValue();
        var stored = db.Set<KeyCheck>().AsNoTracking().SingleOrDefault(k => k.Id == KeyCheck.RowId);
        if (stored is not null)
        {
            var ring = provider.Ring;
            if (CryptographicOperations.FixedTimeEquals(stored.Check, check))
            {
                return;
            }

            if (ring.Succeeds(stored.Check))
            {
                logger.LogWarning(
                    "The database's key check names key {RetiredKeyId}, which a rotation replaced by {KeyId} (a rotation not finished, or a backup restored from before it): run custodian keys rotate to re-wrap its data keys",
                    stored.KeyId, ring.Active.Id);
                return;
            }

            throw ring.IsRetired(ring.Active) ? RetiredKey(path, ring.Active.Id) : WrongKey(path);
        }

        // A database from before the key check: the check is derived only from a key that opens what is already there.
        if (!created && !OpensExistingData(db, provider))
        {
            throw WrongKey(path);
        }

        db.Add(new KeyCheck { Id = KeyCheck.RowId, KeyId = provider.KeyId, Check = check, CreatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another server on the same database wrote it first: its check must then be this key's too.
            db.ChangeTracker.Clear();
            var theirs = db.Set<KeyCheck>().AsNoTracking().Single(k => k.Id == KeyCheck.RowId);
            if (!CryptographicOperations.FixedTimeEquals(theirs.Check, check))
            {
                throw WrongKey(path);
            }
        }
    }

    private static bool OpensExistingData(CustodianDb db, FileKeyProvider provider)
    {
        if (db.Set<PersonKey>().AsNoTracking().OrderBy(k => k.PersonId).FirstOrDefault() is { } personKey)
        {
            return new VaultCrypto(provider).OpenKey(personKey) is not null;
        }

        if (db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Seq).FirstOrDefault() is { } checkpoint)
        {
            return CryptographicOperations.FixedTimeEquals(AuditCheckpoints.Signature(provider, checkpoint.Seq, checkpoint.Hash), checkpoint.Signature);
        }

        // Nothing sealed yet (audit events alone are hashed, not keyed): no data for this key to be wrong about.
        return true;
    }

    private static KeyFileException RetiredKey(string path, string keyId) => new(
        $"the key file {path} holds key {keyId}, which a key rotation retired. Put back the key file that custodian keys rotate wrote.");

    private static KeyFileException WrongKey(string path) => new(
        $"the key file {path} does not open this database's data (a damaged file, or another deployment's key). Restore the key file from the key backup.");

    private const string AuditMigrationId = "20261122000100_Audit";
    private const string VaultMigrationId = "20261122000200_Vault";
    private const string KeyCheckMigrationId = "20261207000400_KeyCheck";
}

/// <summary>The key file is missing, unreadable, too open or not this database's key; the message says which and what to do.</summary>
public sealed class KeyFileException(string message) : Exception(message);
