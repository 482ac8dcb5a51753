using System.Diagnostics;
using System.Globalization;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Custodian.Vault;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Anonymization;

/// <summary>
/// What a release is asked for; unset values take the <c>Anonymization</c> section's defaults. <see cref="Reason"/> is why,
/// as the gate asks it for a catch-all purpose (and keeps it, sealed, for any purpose it is given for).
/// </summary>
public sealed record ReleaseRequest(string? PolicyId = null, int? K = null, double? SuppressionLimit = null, string? Reason = null);

/// <summary>
/// Creates releases of anonymized processed information from the vault, through the gate, and publishes their items.
/// A release is written whole (report, rows, method, publication entry, audit event) or not at all.
/// </summary>
public sealed class AnonymizedReleases(
    IDbContextFactory<CustodianDb> factory, PolicyStore policies, PersonGate gate, AuditLog audit, TimeProvider time, IOptions<ReleaseOptions> options)
{
    // Publication versions are numbered per policy: one release at a time keeps the numbering gap-free.
    private readonly SemaphoreSlim _creating = new(1, 1);

    public Task<Result<ReleaseReport>> CreateAsync(Actor actor, ReleaseRequest request, CancellationToken cancellationToken = default) =>
        WithDatasetAsync(request, (policy, dataset, k, suppression) => RunAsync(actor, policy, dataset, k, suppression, request.Reason, cancellationToken), cancellationToken);

    /// <summary>
    /// What a release with these settings would be, computed the same way but stored nowhere: classes, suppressed rows,
    /// the share of cells fully generalised, and a warning when the release would be useless. The reads are audited.
    /// </summary>
    public Task<Result<ReleasePreview>> PreviewAsync(Actor actor, ReleaseRequest request, CancellationToken cancellationToken = default) =>
        WithDatasetAsync(request, async (policy, dataset, k, suppression) =>
        {
            var subject = "release-preview:" + Guid.CreateVersion7(time.GetUtcNow());
            var computed = await AnonymizeAsync(actor, policy, dataset, k, suppression, subject, request.Reason, cancellationToken);
            return computed.Failure is { } failure
                ? failure
                : (Result<ReleasePreview>)ReleasePreview.Of(k, suppression, computed.Value!.Run.Summary, computed.Value.Hierarchies, computed.Value.Used.Allowed);
        }, cancellationToken);

    private async Task<Result<T>> WithDatasetAsync<T>(
        ReleaseRequest request, Func<PrivacyPolicy, ReleaseDataset, int, double, Task<Result<T>>> run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var policy = request.PolicyId is null ? policies.Default : policies.Find(request.PolicyId);
        if (policy is null) return Failure.Invalid("policyId", "policy.unknown", "No policy has this id.");
        var k = request.K ?? settings.K;
        if (k < 2) return Failure.Invalid("k", "release.k-range", "k must be at least 2: k = 1 identifies every row.");
        var suppression = request.SuppressionLimit ?? settings.SuppressionLimit;
        if (!(suppression is >= 0 and <= 1)) return Failure.Invalid("suppression", "release.suppression-range", "The suppression limit must lie in [0, 1].");
        var dataset = ReleaseDataset.Create(policy, settings, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (!dataset.Succeeded) return dataset.Failure!;

        await _creating.WaitAsync(cancellationToken);
        try
        {
            var eligible = await EligibleAsync(policy.Id, cancellationToken);
            if (CheckCount(eligible, k) is { } early) return early;
            return await run(policy, dataset.Value!, k, suppression);
        }
        finally
        {
            _creating.Release();
        }
    }

    private sealed record Computed(
        GateBatchOutcome Used, IReadOnlyList<ProcessingStep> Steps, IReadOnlyDictionary<string, Hierarchy> Hierarchies, Anonymization Run, Dictionary<string, long> Timings, Stopwatch Clock);

    private async Task<Result<Computed>> AnonymizeAsync(
        Actor actor, PrivacyPolicy policy, ReleaseDataset dataset, int k, double suppression, string subject, string? reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var timings = new Dictionary<string, long>(StringComparer.Ordinal);
        var used = await gate.UseAllAsync(actor, policy.Id, settings.Purpose, GateUse.Release, subject, reason, view => dataset.Add(view.Items), fromReplica: false, cancellationToken);
        if (!used.Succeeded) return used.Failure!;
        timings["gate"] = clock.ElapsedMilliseconds;
        // Persons may have been erased or suspended since they were counted.
        if (CheckCount(dataset.Count, k) is { } late) return late;

        var (table, hierarchies, steps) = dataset.Finish(k);
        timings["steps"] = clock.ElapsedMilliseconds - timings["gate"];
        var run = Anonymizer.Run(table, hierarchies, new AnonymizationOptions
        {
            QuasiIdentifiers = dataset.Columns, K = k, SuppressionLimit = suppression, Quality = QualityModel.Loss,
        }, cancel: cancellationToken);
        if (run.Failure is { Code: not "anonymize.no_solution" } defect)
        {
            // The dataset built every hierarchy from its own values: any other refusal is a defect.
            throw new InvalidOperationException($"The release's own dataset was refused: {defect.Code}.");
        }

        if (!run.Succeeded)
        {
            return Failure.Invalid("k", "release.no-solution", $"No generalization of the items is {k}-anonymous within the suppression limit.");
        }

        return new Computed(used.Value!, steps, hierarchies, run.Value!, timings, clock);
    }

    private async Task<Result<ReleaseReport>> RunAsync(
        Actor actor, PrivacyPolicy policy, ReleaseDataset dataset, int k, double suppression, string? reason, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var computed = await AnonymizeAsync(actor, policy, dataset, k, suppression, "release:" + id, reason, cancellationToken);
        if (computed.Failure is { } failure) return failure;
        var (used, steps, hierarchies, anonymization, timings, clock) = computed.Value!;
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        anonymization.Write(csv, ',');
        timings["anonymize"] = clock.ElapsedMilliseconds - timings["gate"] - timings["steps"];
        var summary = anonymization.Summary;
        var now = time.GetUtcNow().UtcDateTime;
        var report = new ReleaseReport(id, policy.Id, policy.Version, now, dataset.Columns, used.Allowed + used.RefusedCount,
            used.Allowed, used.Refused,
            [.. steps, new ProcessingStep(5, "k-anonymity", dataset.Columns,
                string.Create(CultureInfo.InvariantCulture, $"Optimal full-domain generalization to k = {k}, suppressing at most {suppression:P1} of rows: {summary.SuppressedRows} rows suppressed, {summary.Classes} classes, smallest class {summary.MinClassSize}."),
                summary.SuppressedRows)],
            k, suppression, summary.Transformation, summary.SuppressedRows, summary.Classes, summary.MinClassSize, summary.Quality, timings);
        var method = new MethodRecord(dataset.Columns, k, suppression, nameof(QualityModel.Loss), summary.Transformation,
            settings.TopCodeAge, settings.TopCodeExperienceYears, settings.CareerCategories,
            hierarchies.ToDictionary(h => h.Key, h => h.Value.Rows, StringComparer.Ordinal));

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var version = await db.Set<PublicationEntry>().Where(p => p.PolicyId == policy.Id).Select(p => (int?)p.Version).MaxAsync(cancellationToken) ?? 0;
        var items = string.Join(',', dataset.Columns);
        db.Add(new PublicationEntry { Id = Guid.CreateVersion7(time.GetUtcNow()), PolicyId = policy.Id, Version = version + 1, ReleaseId = id, Items = items, CreatedAt = now });
        db.Add(new ReleasedData { ReleaseId = id, Csv = csv.ToString() });
        db.Add(new ProcessingMethod { ReleaseId = id, Method = ReleaseJson.Write(method) });
        var release = new AnonymizedRelease
        {
            Id = id, CreatedAt = now, PolicyId = policy.Id, PolicyVersion = policy.Version, Items = items, K = k, SuppressionLimit = suppression,
            Transformation = string.Join(',', summary.Transformation), PersonsConsidered = report.PersonsConsidered,
            PersonsIncluded = report.PersonsIncluded, PersonsRefused = used.RefusedCount, SuppressedRows = summary.SuppressedRows,
            Classes = summary.Classes, CreatedBy = actor.AuditName,
        };
        timings["store"] = 0;
        release.Report = ReleaseJson.Write(report);
        db.Add(release);
        var storeStart = clock.ElapsedMilliseconds;
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ReleaseCreated, actor.AuditName, Purpose: settings.Purpose, Items: items, Subject: id.ToString())], cancellationToken);
        timings["store"] = clock.ElapsedMilliseconds - storeStart;
        return report with { TimingsMs = timings };
    }

    public async Task<IReadOnlyList<AnonymizedRelease>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var releases = await db.Set<AnonymizedRelease>().AsNoTracking().ToListAsync(cancellationToken);
        return releases.OrderByDescending(r => r.CreatedAt).ToList();
    }

    public async Task<Result<ReleaseReport>> ReportAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<AnonymizedRelease>().Where(r => r.Id == id).Select(r => r.Report).FirstOrDefaultAsync(cancellationToken);
        return report is null ? Unknown() : ReleaseJson.Read<ReleaseReport>(report);
    }

    /// <summary>The processing method; every reading is audited, since it is what could undo the processing.</summary>
    public async Task<Result<MethodRecord>> MethodAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var method = await db.Set<ProcessingMethod>().AsNoTracking().FirstOrDefaultAsync(m => m.ReleaseId == id, cancellationToken);
        if (method is null) return Unknown();
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ReleaseMethodRead, actor.AuditName, Subject: id.ToString())], cancellationToken);
        return ReleaseJson.Read<MethodRecord>(method.Method);
    }

    public async Task<Result<string>> CsvAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var data = await db.Set<ReleasedData>().AsNoTracking().FirstOrDefaultAsync(d => d.ReleaseId == id, cancellationToken);
        if (data is null) return Unknown();
        await audit.CommitAsync(db, [new AuditEntry(AuditEventType.ReleaseDownloaded, actor.AuditName, Subject: id.ToString())], cancellationToken);
        return data.Csv;
    }

    private async Task<int> EligibleAsync(string policyId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Person>().CountAsync(p => p.PolicyId == policyId && p.State == PersonState.Active, cancellationToken);
    }

    private static Failure? CheckCount(int eligible, int k) => eligible switch
    {
        0 => Failure.Invalid("policyId", "release.no-eligible-persons", "No person of this policy may be included: none is held, or all are erased or use-suspended."),
        _ when k > eligible => Failure.Invalid("k", "release.k-range", $"k = {k} is larger than the {eligible} persons who may be included."),
        _ => null,
    };

    internal static Failure Unknown() => Failure.NotFound("release.unknown", "No release has this id.");
}
