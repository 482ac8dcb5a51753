namespace Custodian.Policy.Notices;

/// <summary>Turns each structured part of the policy into the lines of a notice list, in one language.</summary>
internal sealed class NoticeLists(PrivacyPolicy policy, string language, NoticeLabels labels)
{
    public IReadOnlyList<NoticeEntry> Build(NoticeList list) => list switch
    {
        NoticeList.Purposes => Purposes(),
        NoticeList.ClientCompanies => ClientCompanies(policy.Recipients.ClientCompanies!),
        NoticeList.ProvisionWithoutConsent => Grounds(policy.ProvisionWithoutConsentGrounds),
        NoticeList.JointUse => JointUse(policy.Recipients.JointUse!),
        NoticeList.Anonymized =>
        [
            new NoticeEntry(labels.AnonymizedItems, Items(policy.AnonymizedItems)),
            new NoticeEntry(labels.RemovedItems, Items(policy.AnonymizedRemovedItems)),
        ],
        NoticeList.AdvertisingPartners => policy.Recipients.AdvertisingPartners
            .Select(partner => new NoticeEntry(null, partner.Name, [new NoticeEntry(labels.Receives, Term(partner.Receives))], OptOut(partner.OptOutUrl)))
            .ToList(),
        NoticeList.RequestTypes => policy.Requests.Types
            .Select(type => new NoticeEntry(null, policy.Requests.FreeOfCharge.Contains(type) ? $"{Term(type)} ({labels.FreeOfCharge})" : Term(type)))
            .ToList(),
        NoticeList.RefusalGrounds => Grounds(policy.Requests.RefusalGrounds),
        NoticeList.IdentityDocuments => policy.Requests.IdentityDocuments.Select(document => new NoticeEntry(null, Term(document))).ToList(),
        NoticeList.ContactPoints => policy.Operator.ContactPoints.Select(ContactPoint).ToList(),
        NoticeList.PartnerCompanies => PartnerCompanies(policy.Recipients.PartnerCompanies!),
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };

    /// <summary>Purposes under the channel that acquires the data for them, each with its items and whether it needs consent.</summary>
    private List<NoticeEntry> Purposes()
    {
        var entries = policy.Channels
            .Select(channel => new NoticeEntry(null, channel.Name[language], channel.Purposes.Select(id => Purpose(policy.FindPurpose(id)!)).ToList()))
            .ToList();
        var unlisted = policy.Purposes.Where(p => !policy.Channels.Any(c => c.Purposes.Contains(p.Id))).Select(Purpose);
        entries.AddRange(unlisted);
        return entries;
    }

    private NoticeEntry Purpose(PurposeOfUse purpose)
    {
        var items = string.Join(labels.Separator, purpose.Items.Select(id =>
            purpose.RequiredItems.Contains(id) ? $"{ItemName(id)} ({labels.Required})" : ItemName(id)));
        List<NoticeEntry> details = [new NoticeEntry(labels.Items, items)];
        if (purpose.RequiresConsent)
        {
            details.Add(new NoticeEntry(null, labels.ConsentRequired));
        }

        return new NoticeEntry(purpose.Label, purpose.Description[language], details);
    }

    private List<NoticeEntry> ClientCompanies(ClientCompanies clients) =>
    [
        new NoticeEntry(labels.Items, Items(clients.Items)),
        new NoticeEntry(labels.Methods, Terms(clients.Methods)),
        new NoticeEntry(labels.Industries, Term(clients.Industries)),
    ];

    private List<NoticeEntry> JointUse(JointUse joint) =>
    [
        new NoticeEntry(labels.Members, Terms(joint.Members)),
        new NoticeEntry(labels.Items, Items(joint.Items)),
        new NoticeEntry(labels.Purposes, string.Join(labels.Separator, joint.Purposes.Select(id => policy.FindPurpose(id)!.Label))),
        new NoticeEntry(labels.Methods, Terms(joint.Methods)),
        new NoticeEntry(labels.ResponsibleManager, Term(joint.ResponsibleManager)),
    ];

    private List<NoticeEntry> PartnerCompanies(PartnerCompanies partners) =>
    [
        new NoticeEntry(null, Term(partners.Name),
        [
            new NoticeEntry(labels.Purposes, string.Join(labels.Separator, partners.Purposes.Select(id => policy.FindPurpose(id)!.Label))),
            new NoticeEntry(null, Term(partners.Obligation)),
        ]),
    ];

    private List<NoticeEntry> Grounds(IEnumerable<Ground> grounds) =>
        grounds.Select(ground => new NoticeEntry($"{ground.Id}.", ground.Text[language])).ToList();

    private NoticeEntry ContactPoint(ContactPoint point)
    {
        var details = new List<NoticeEntry>();
        Add(details, labels.Address, point.Address);
        Add(details, labels.Email, point.Email);
        Add(details, labels.Telephone, point.Telephone);
        Add(details, labels.Fax, point.Fax);
        if (point.Hours is { } hours)
        {
            details.Add(new NoticeEntry(null, Term(hours)));
        }

        return new NoticeEntry(null, point.Name, details);
    }

    private static void Add(List<NoticeEntry> details, string label, string? value)
    {
        if (value is not null)
        {
            details.Add(new NoticeEntry(label, value));
        }
    }

    private static Uri? OptOut(string? url) => url is null ? null : new Uri(url, UriKind.Absolute);

    private string ItemName(string id) => policy.FindItem(id)!.Name[language];

    private string Items(IEnumerable<string> ids) => string.Join(labels.Separator, ids.Select(ItemName));

    private string Term(string id) => policy.Terms[id][language];

    private string Terms(IEnumerable<string> ids) => string.Join(labels.Separator, ids.Select(Term));
}
