using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Custodian.Audit;
using Custodian.Common;
using Custodian.Gate;
using Custodian.Policy;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Requests.Letters;

/// <summary>A file handed to staff for mailing, or to the person on their status page.</summary>
public sealed record LetterFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The written response, in the person's language, to the address they designated: the PDF letter (disclosure,
/// notification of purpose, outcome, or refusal with its explanation) and the disclosure in electronic form.
/// Letters are made when asked for, from the vault through the gate, so no copy of the data is kept.
/// </summary>
internal sealed class LetterWriter(
    IDbContextFactory<CustodianDb> factory, RequestRecords records, RequestCrypto crypto, AuditLog audit,
    LetterTemplates templates, LetterWords words, DisclosureGatherer gatherer, IOptions<RequestsOptions> options)
{
    public async Task<Result<LetterFile>> LetterAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        var answered = await AnsweredAsync(requestId, cancellationToken);
        if (answered.Failure is { } failure)
        {
            return failure;
        }

        // Before anything is read through the gate: a letter that cannot be rendered must not leave reads audited for it.
        if (!File.Exists(options.Value.LetterFont))
        {
            return Failure.Unavailable("letter.font-missing", $"This installation has no font for letters: {LetterFonts.MissingHint}");
        }

        var (request, form) = answered.Value;
        var policy = records.PolicyOf(request);
        var lang = request.Language;
        var type = policy.Terms.TryGetValue(request.Type, out var term) ? term[lang] : request.Type;
        var kind = request.State == RequestState.Refused ? "refusal" : request.Type is "disclosure" or "notification-of-purpose" ? request.Type : "outcome";
        var letter = new PdfLetter().Paragraph(Fill(templates.Header(lang), request, form, policy, type))
            .Paragraph(Fill(templates.Text(lang, kind, "body"), request, form, policy, type));
        if (request.State != RequestState.Refused)
        {
            var body = await BodyAsync(actor, letter, request, policy, cancellationToken);
            if (body is not null)
            {
                return body;
            }
        }

        if (request.RefusalGrounds is { } grounds)
        {
            if (request.State != RequestState.Refused)
            {
                letter.Paragraph(templates.Text(lang, "partly", "body"));
            }

            letter.Heading(templates.Label(lang, "heading.refusal"));
            foreach (var ground in policy.Requests.RefusalGrounds.Where(g => grounds.Split(',').Contains(g.Id)))
            {
                letter.Paragraph($"({ground.Id}) {ground.Text[lang]}");
            }

            letter.Paragraph(form.RefusalExplanation ?? "");
        }

        if (policy.Requests.FreeOfCharge.Contains(request.Type))
        {
            letter.Paragraph(templates.Label(lang, "note.free"));
        }

        LetterFonts.Install(options.Value.LetterFont);
        var pdf = letter.Render(Fill(templates.Text(lang, kind, "title"), request, form, policy, type));
        await IssuedAsync(actor, request, "letter.pdf", cancellationToken);
        return new LetterFile($"{request.Reference}.pdf", "application/pdf", pdf);
    }

    /// <summary>The same disclosure in electronic form: a zip of JSON and CSV files.</summary>
    public async Task<Result<LetterFile>> ArchiveAsync(Actor actor, Guid requestId, CancellationToken cancellationToken = default)
    {
        var answered = await AnsweredAsync(requestId, cancellationToken);
        if (answered.Failure is { } failure)
        {
            return failure;
        }

        var (request, _) = answered.Value;
        if (request.Type != "disclosure" || request.State == RequestState.Refused)
        {
            return Failure.Conflict("request.no-archive", "Only a disclosure that was carried out has an electronic form.");
        }

        var gathered = await gatherer.GatherAsync(actor, request.PersonId!.Value, request.Language, cancellationToken);
        if (gathered.Failure is { } refused)
        {
            return refused;
        }

        var package = gathered.Value!;
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var json = archive.CreateEntry("disclosure.json").Open())
            {
                await JsonSerializer.SerializeAsync(json, package, cancellationToken: cancellationToken);
            }

            Csv(archive, "items.csv", package.Items.Select(kv => new { item = kv.Key, value = kv.Value }));
            Csv(archive, "purposes.csv", package.Purposes);
            var policy = records.PolicyOf(request);
            Csv(archive, "provision-records.csv", package.ProvisionRecords.Select(r => new
            {
                provided_at = r.At, recipient = LetterWords.Recipient(r, request.Language), items = words.Items(policy, r.Items, request.Language),
                purpose = words.Purpose(policy, r.Purpose, request.Language), ground = r.Ground,
            }));
            Csv(archive, "consents.csv", package.Consents.Select(c => new
            {
                at = c.At, purpose = words.Purpose(policy, c.Purpose, request.Language), choice = words.Consent(c.Given, request.Language),
                channel = words.Channel(policy, c.Channel, request.Language), policy_version = c.PolicyVersion,
            }));
        }

        await IssuedAsync(actor, request, "disclosure.zip", cancellationToken);
        return new LetterFile($"{request.Reference}-disclosure.zip", "application/zip", zip.ToArray());
    }

    private async Task<LetterFile?> BodyAsync(Actor actor, PdfLetter letter, DataRequest request, PrivacyPolicy policy, CancellationToken cancellationToken)
    {
        if (request.Type is not ("disclosure" or "notification-of-purpose"))
        {
            return null;
        }

        var lang = request.Language;
        var gathered = await gatherer.GatherAsync(actor, request.PersonId!.Value, lang, cancellationToken);
        var package = gathered.Value ?? throw new InvalidOperationException($"Disclosure for request {request.Id} was refused: {gathered.Failure!.Code}.");
        string None(IEnumerable<string> lines) => lines.Any() ? string.Join('\n', lines) : templates.Label(lang, "none");
        if (request.Type == "disclosure")
        {
            letter.Heading(templates.Label(lang, "heading.items"))
                .Paragraph(None(package.Items.Select(kv => $"{policy.FindItem(kv.Key)?.Name[lang] ?? kv.Key}: {kv.Value}")));
        }

        letter.Heading(templates.Label(lang, "heading.purposes")).Paragraph(None(package.Purposes.Select(p => $"{p.Label}. {p.Description}")));
        if (request.Type == "disclosure")
        {
            letter.Heading(templates.Label(lang, "heading.provision"))
                .Paragraph(None(package.ProvisionRecords.Select(r => $"{Day(r.At)} {LetterWords.Recipient(r, lang)}: {words.Items(policy, r.Items, lang)} ({words.Purpose(policy, r.Purpose, lang)})")));
            if (package.JointUse is { } joint)
            {
                letter.Heading(templates.Label(lang, "heading.joint-use"))
                    .Paragraph($"{string.Join(", ", joint.Members)}\n{string.Join(", ", joint.Items.Select(i => policy.FindItem(i)?.Name[lang] ?? i))}\n{joint.ResponsibleManager}");
                foreach (var abroad in joint.Abroad)
                {
                    letter.Paragraph($"{abroad.Member} ({abroad.Country})\n{abroad.ProtectionSystem}\n{abroad.Measures}");
                }
            }

            letter.Heading(templates.Label(lang, "heading.consents"))
                .Paragraph(None(package.Consents.Select(c => $"{Day(c.At)} {words.Purpose(policy, c.Purpose, lang)}: {words.Consent(c.Given, lang)} ({words.Channel(policy, c.Channel, lang)}; {c.PolicyVersion})")))
                .Heading(templates.Label(lang, "heading.source"))
                .Paragraph($"{package.Source} — {Day(package.AcquiredAt)}");
        }

        return null;
    }

    private async Task<Result<(DataRequest, RequestForm)>> AnsweredAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var loaded = await RequestRecords.LoadAsync(db, requestId, cancellationToken);
        if (loaded.Failure is { } missing)
        {
            return missing;
        }

        var request = loaded.Value!;
        if (request.RespondedAt is null)
        {
            return Failure.Conflict("request.not-answered", "The request has not been answered yet, so there is no letter.");
        }

        return crypto.OpenForm(request) is { } form
            ? (request, form)
            : Failure.Gone("request.form-disposed", "The request form has been disposed of, and with it the address to write to.");
    }

    private async Task IssuedAsync(Actor actor, DataRequest request, string what, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await audit.CommitAsync(db, [RequestRecords.Entry(AuditEventType.RequestLetterIssued, actor, request, what)], cancellationToken);
    }

    private string Fill(string template, DataRequest request, RequestForm form, PrivacyPolicy policy, string type)
    {
        var contact = policy.Operator.ContactPoints.FirstOrDefault();
        var name = form.RepresentativeName is { } representative ? $"{representative} ({form.PersonName})" : form.PersonName;
        return template.TrimEnd()
            .Replace("{operator}", policy.Operator.Name, StringComparison.Ordinal)
            .Replace("{contact}", contact is null ? "" : $"{contact.Name}, {contact.Address}", StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{address}", form.MailingAddress, StringComparison.Ordinal)
            .Replace("{date}", records.Today(policy).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{reference}", request.Reference, StringComparison.Ordinal)
            .Replace("{type}", type, StringComparison.Ordinal);
    }

    private static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Csv<T>(ZipArchive archive, string name, IEnumerable<T> rows)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new System.Text.UTF8Encoding(true));
        using var csv = Common.CsvExport.Open(writer);
        csv.WriteRecords(rows);
    }
}
