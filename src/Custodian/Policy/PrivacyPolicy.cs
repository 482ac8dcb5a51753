using System.Text.Json.Serialization;

namespace Custodian.Policy;

/// <summary>
/// One operator's privacy policy, loaded from <c>policies/*.yaml</c>. Enforcement and the published
/// notice both read this object, so the two cannot drift.
/// </summary>
public sealed record PrivacyPolicy
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    /// <summary>The day this version takes effect for new persons; null (the first version) is in effect from the start.</summary>
    public DateOnly? Effective { get; init; }
    public required Operator Operator { get; init; }
    /// <summary>The language whose notice is legally binding (ja for both of Leverages' policies).</summary>
    public required string BindingLanguage { get; init; }
    /// <summary>The business-day calendar the request deadline is counted in: jp or mx.</summary>
    public required string Calendar { get; init; }
    public required IReadOnlyList<InformationCategory> Categories { get; init; }
    public required IReadOnlyList<DataItem> Items { get; init; }
    public required IReadOnlyList<PurposeOfUse> Purposes { get; init; }
    public required IReadOnlyList<Channel> Channels { get; init; }
    public required Recipients Recipients { get; init; }
    public required IReadOnlyList<Ground> ProvisionWithoutConsentGrounds { get; init; }
    public required RequestProcedure Requests { get; init; }
    public required IReadOnlyList<string> AnonymizedItems { get; init; }
    /// <summary>Notice sections per language code, for a policy without text files (<see cref="Texts"/>); empty otherwise.</summary>
    public required IReadOnlyDictionary<string, Notice> Notices { get; init; }
    /// <summary>Items that anonymization removes outright (the name) rather than generalizes.</summary>
    public IReadOnlyList<string> AnonymizedRemovedItems { get; init; } = [];
    /// <summary>
    /// Display names of the ids used in lists (provision methods, request types, identity documents,
    /// joint users, ...), so enforcement compares ids while the notice shows words in each language.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText> Terms { get; init; } = new Dictionary<string, LocalizedText>();
    /// <summary>The cookie and web-beacon categories a visitor chooses from; null where the policy sets none.</summary>
    public CookiePolicy? Cookies { get; init; }
    /// <summary>The notice text per language, from the files the policy names; a language without one shows the notice sections.</summary>
    public IReadOnlyDictionary<string, NoticeText> Texts { get; init; } = new Dictionary<string, NoticeText>();
    /// <summary>Values the operator set that the published text does not state (<c>operator-set:</c>), where each is written.</summary>
    public IReadOnlyList<OperatorSetValue> OperatorSet { get; init; } = [];
    /// <summary>The retention schedule, at most one rule per kind of record; a kind without a rule is kept.</summary>
    public IReadOnlyList<RetentionRule> Retention { get; init; } = [];

    /// <summary>The languages the notice is published in (ja, en, es): those of its texts, or of its sections where it has no texts.</summary>
    public IReadOnlyList<string> Languages =>
        (Texts.Count > 0 ? Texts.Keys : Notices.Keys).OrderBy(l => l == BindingLanguage ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal).ToList();

    public bool Speaks(string? language) => language is not null && (Texts.Count > 0 ? Texts.ContainsKey(language) : Notices.ContainsKey(language));

    public RetentionRule? FindRetention(RecordKind kind) => Retention.FirstOrDefault(r => r.Record == kind);

    public PurposeOfUse? FindPurpose(string id) => Find(Purposes, id, static p => p.Id);
    public DataItem? FindItem(string id) => Find(Items, id, static i => i.Id);
    public Channel? FindChannel(string id) => Find(Channels, id, static c => c.Id);

    // These run for every item of every read and every imported row over lists a few dozen long: an indexed scan with a
    // static selector allocates nothing, where FirstOrDefault allocated a closure and an enumerator on every call.
    private static T? Find<T>(IReadOnlyList<T> list, string id, Func<T, string> idOf)
        where T : class
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (idOf(list[i]) == id)
            {
                return list[i];
            }
        }

        return null;
    }
}

public sealed record Operator
{
    public required string Name { get; init; }
    public string? Representative { get; init; }
    public required IReadOnlyList<ContactPoint> ContactPoints { get; init; }
}

public sealed record ContactPoint
{
    public required string Name { get; init; }
    public string? Address { get; init; }
    public string? Email { get; init; }
    public string? Telephone { get; init; }
    public string? Fax { get; init; }
    public string? Hours { get; init; }
}

/// <summary>A kind of information that staff roles are allowed to see or not (contact, identity, career, ...).</summary>
public sealed record InformationCategory
{
    public required string Id { get; init; }
    public required LocalizedText Name { get; init; }
}

public sealed record DataItem
{
    public required string Id { get; init; }
    public required string Category { get; init; }
    public required ItemType Type { get; init; }
    public required LocalizedText Name { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ItemType>))]
public enum ItemType
{
    Text,
    Email,
    Telephone,
    Date,
    Sex,
}

public sealed record PurposeOfUse
{
    /// <summary>Stable id such as <c>service.apply</c>; the notice's numbering (1a) is in <see cref="Label"/>.</summary>
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
    public required IReadOnlyList<string> RequiredItems { get; init; }
    public required bool RequiresConsent { get; init; }
    public required LocalizedText Description { get; init; }
    /// <summary>A purpose whose scope the notice leaves open ("as specified", "anything related"): usable only with a reason per use.</summary>
    public bool CatchAll { get; init; }
}

/// <summary>How personal data reaches the operator (service application, contact form), and the purposes it is acquired for.</summary>
public sealed record Channel
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> Purposes { get; init; }
    public required LocalizedText Name { get; init; }
}

public sealed record Recipients
{
    public ClientCompanies? ClientCompanies { get; init; }
    public JointUse? JointUse { get; init; }
    public Outsourcing? Outsourcing { get; init; }
    public IReadOnlyList<AdvertisingPartner> AdvertisingPartners { get; init; } = [];
    public PartnerCompanies? PartnerCompanies { get; init; }
}

/// <summary>
/// Third parties the operator may disclose to within the purposes of use (the group policy's "Partner Companies"),
/// with the safety obligation the operator takes on towards them, both as terms in the operator's words.
/// </summary>
public sealed record PartnerCompanies
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Purposes { get; init; }
    public required string Obligation { get; init; }
}

public sealed record ClientCompanies
{
    public required IReadOnlyList<string> Items { get; init; }
    public required IReadOnlyList<string> Methods { get; init; }
    public required string Industries { get; init; }
}

public sealed record JointUse
{
    public required IReadOnlyList<string> Members { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
    public required IReadOnlyList<string> Purposes { get; init; }
    public required string ResponsibleManager { get; init; }
    public required IReadOnlyList<string> Methods { get; init; }
    /// <summary>Joint users in another country than the operator's: a use by their staff is a transfer abroad (APPI Art. 28).</summary>
    public IReadOnlyList<JointUserAbroad> Abroad { get; init; } = [];

    /// <summary>Whether <paramref name="member"/> (a term id) is a joint user of this policy, at home or abroad.</summary>
    public bool IsMember(string member) => Members.Contains(member) || FindAbroad(member) is not null;

    public JointUserAbroad? FindAbroad(string member) => Abroad.FirstOrDefault(a => a.Member == member);
}

/// <summary>
/// A joint user abroad and what APPI Art. 28 asks the operator to give about it: the country, that country's system for the
/// protection of personal information, and the measures the recipient takes. Set by the operator; the texts are terms.
/// </summary>
public sealed record JointUserAbroad
{
    /// <summary>The joint user, a term of the policy.</summary>
    public required string Member { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; init; }
    public required string ProtectionSystem { get; init; }
    public required string Measures { get; init; }
}

public sealed record Outsourcing
{
    public required IReadOnlyList<string> Purposes { get; init; }
}

public sealed record AdvertisingPartner
{
    /// <summary>How a notice text marks the partner (<c>[words](recipient:id)</c>); null where no text names it.</summary>
    public string? Id { get; init; }
    public required string Name { get; init; }
    public string? OptOutUrl { get; init; }
    public required string Receives { get; init; }
}

/// <summary>A lettered ground from the policy, e.g. provision without consent (a)–(i) or refusal (a)–(c).</summary>
public sealed record Ground
{
    public required string Id { get; init; }
    public required LocalizedText Text { get; init; }
}

public sealed record RequestProcedure
{
    public required IReadOnlyList<string> Types { get; init; }
    public required IReadOnlyList<Ground> RefusalGrounds { get; init; }
    public required IReadOnlyList<string> IdentityDocuments { get; init; }
    /// <summary>Business days (in the policy's calendar) to answer; null where the policy states no number.</summary>
    public required int? DeadlineBusinessDays { get; init; }
    public required IReadOnlyList<string> FreeOfCharge { get; init; }
    /// <summary>Per kind of attorney, the documents (terms) that prove their authority; a kind not named may not make requests.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AttorneyDocuments { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>
    /// Where the policy names no identity documents: the methods (terms) by which staff may confirm the requester instead,
    /// such as a reply from the e-mail address held. The operator's choice, not the policy's words.
    /// </summary>
    public IReadOnlyList<string> VerificationMethods { get; init; } = [];

    /// <summary>The kinds of attorney the procedure knows: "your attorney" as a legal or a deputed representative.</summary>
    public static readonly IReadOnlyList<string> Attorneys = ["legal-representative", "deputed-representative"];
}

public sealed record Notice
{
    public required string Title { get; init; }
    public required IReadOnlyList<NoticeSection> Sections { get; init; }
    /// <summary>On a translation, the statement that only the binding language's notice is legally binding.</summary>
    public string? TranslationNote { get; init; }
}

public sealed record NoticeSection
{
    public required string Heading { get; init; }
    public required IReadOnlyList<string> Paragraphs { get; init; }
    /// <summary>Structured data rendered after the paragraphs, so the notice and enforcement read the same list.</summary>
    public NoticeList? List { get; init; }
    /// <summary>Paragraphs that follow the list.</summary>
    public IReadOnlyList<string> Closing { get; init; } = [];
}

/// <summary>The structured parts of the policy a notice section can show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeList>))]
public enum NoticeList
{
    Purposes,
    ClientCompanies,
    ProvisionWithoutConsent,
    JointUse,
    Anonymized,
    AdvertisingPartners,
    RequestTypes,
    RefusalGrounds,
    IdentityDocuments,
    ContactPoints,
    PartnerCompanies,
}

/// <summary>Text in ja, en and es; falls back to the binding language.</summary>
public sealed record LocalizedText(IReadOnlyDictionary<string, string> Values)
{
    public string this[string language] =>
        Values.TryGetValue(language, out var text) ? text : Values.TryGetValue("ja", out var ja) ? ja : Values.Values.First();
}

/// <summary>What the sites store in the visitor's browser (cookies, web beacons), by category of consent.</summary>
public sealed record CookiePolicy
{
    public required IReadOnlyList<CookieCategory> Categories { get; init; }

    public CookieCategory? Find(string id) => Categories.FirstOrDefault(c => c.Id == id);
}

public sealed record CookieCategory
{
    public required string Id { get; init; }
    /// <summary>Strictly necessary: always on, and not a choice.</summary>
    public required bool Required { get; init; }
    /// <summary>The category under which the policy's advertising partners set their cookies.</summary>
    public required bool AdvertisingPartners { get; init; }
    public required LocalizedText Name { get; init; }
    public required LocalizedText Description { get; init; }
}
