using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>Recipients, grounds, the request procedure and the terms that name their ids.</summary>
internal sealed partial class PolicyReader
{
    private Recipients ReadRecipients(YamlMap map)
    {
        var recipients = new Recipients
        {
            ClientCompanies = map.Map("client-companies", required: false) is { } clients ? ReadClientCompanies(clients) : null,
            JointUse = map.Map("joint-use", required: false) is { } joint ? ReadJointUse(joint) : null,
            Outsourcing = map.Map("outsourcing", required: false) is { } outsourcing ? ReadOutsourcing(outsourcing) : null,
            AdvertisingPartners = map.Field("advertising-partners", required: false) is null ? [] : ReadEach(map, "advertising-partners", ReadAdvertisingPartner),
            PartnerCompanies = map.Map("partner-companies", required: false) is { } partners ? ReadPartnerCompanies(partners) : null,
        };
        map.Done();
        return recipients;
    }

    private ClientCompanies? ReadClientCompanies(YamlMap map)
    {
        var items = ItemIds(map, "items", Kind.Item);
        var methods = ItemIds(map, "methods", Kind.Term);
        var industries = Reference(map, "industries", Kind.Term);
        DefineRecipient("client-companies", map.Node);
        map.Done();
        return industries is null ? null : new ClientCompanies { Items = items, Methods = methods, Industries = industries };
    }

    private JointUse? ReadJointUse(YamlMap map)
    {
        var members = ItemIds(map, "members", Kind.Term);
        foreach (var member in references.Where(r => r.Path == $"{map.Path}.members"))
        {
            DefineRecipient(member.Id, member.Node);
        }

        var items = ItemIds(map, "items", Kind.Item);
        var purposes = ItemIds(map, "purposes", Kind.Purpose);
        var manager = Reference(map, "responsible-manager", Kind.Term);
        var methods = ItemIds(map, "methods", Kind.Term);
        var abroad = map.Field("abroad", required: false) is null ? [] : ReadEach(map, "abroad", ReadJointUserAbroad);
        map.Done();
        return manager is null
            ? null
            : new JointUse { Members = members, Items = items, Purposes = purposes, ResponsibleManager = manager, Methods = methods, Abroad = abroad };
    }

    // APPI Art. 28: the country by its code (so staff and the disclosure name it in each language), its protection system
    // and the recipient's measures as terms in the operator's words.
    private JointUserAbroad? ReadJointUserAbroad(YamlMap map)
    {
        var member = Reference(map, "member", Kind.Term);
        if (member is not null)
        {
            Define("joint user abroad", member, map.Field("member", required: true)!);
            DefineRecipient(member, map.Node);
        }

        var country = map.TextAt("country");
        var found = country is { } code ? Provision.Countries.Find(code.Value) : null;
        if (country is { } given && (found is null || found.Code != given.Value))
        {
            diagnostics.Add(given.Node, PolicyRules.InvalidValue, $"{map.Path}.country must be an ISO 3166-1 alpha-2 code in upper case, such as MX");
        }
        else if (country is { } abroad)
        {
            abroadCountries.Add((abroad.Value, abroad.Node, $"{map.Path}.country"));
        }

        var system = Reference(map, "protection-system", Kind.Term);
        var measures = Reference(map, "measures", Kind.Term);
        return member is null || found is null || system is null || measures is null
            ? null
            : new JointUserAbroad { Member = member, Country = found.Code, ProtectionSystem = system, Measures = measures };
    }

    private readonly List<(string Code, YamlNode Node, string Path)> abroadCountries = [];

    /// <summary>A joint user abroad is in another country than the operator, whose country is its calendar's.</summary>
    private void CheckAbroad(string? calendar)
    {
        foreach (var (code, node, path) in abroadCountries.Where(c => string.Equals(c.Code, calendar, StringComparison.OrdinalIgnoreCase)))
        {
            diagnostics.Add(node, PolicyRules.InvalidValue, $"{path} is '{code}', the operator's own country (calendar {calendar}): a joint user there is not abroad");
        }
    }

    private PartnerCompanies? ReadPartnerCompanies(YamlMap map)
    {
        var name = Reference(map, "name", Kind.Term);
        var purposes = ItemIds(map, "purposes", Kind.Purpose);
        var obligation = Reference(map, "obligation", Kind.Term);
        DefineRecipient("partner-companies", map.Node);
        map.Done();
        return name is null || obligation is null ? null : new PartnerCompanies { Name = name, Purposes = purposes, Obligation = obligation };
    }

    private Outsourcing ReadOutsourcing(YamlMap map)
    {
        var outsourcing = new Outsourcing { Purposes = ItemIds(map, "purposes", Kind.Purpose) };
        DefineRecipient("outsourcing", map.Node);
        map.Done();
        return outsourcing;
    }

    private AdvertisingPartner? ReadAdvertisingPartner(YamlMap map)
    {
        var name = map.Text("name");
        var id = map.Text("id", required: false);
        if (id is not null)
        {
            DefineRecipient(id, map.Node);
        }

        var optOut = map.TextAt("opt-out-url", required: false);
        if (optOut is { } url && !(Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            diagnostics.Add(url.Node, PolicyRules.InvalidValue, $"{map.Path}.opt-out-url must be an absolute https address, or null");
        }

        var receives = Reference(map, "receives", Kind.Term);
        return name is null || receives is null ? null : new AdvertisingPartner { Id = id, Name = name, OptOutUrl = optOut?.Value, Receives = receives };
    }

    private Ground? ReadGround(YamlMap map, string kind)
    {
        var id = map.TextAt("id");
        if (id is { } defined)
        {
            Define(kind, defined.Value, defined.Node);
        }

        var text = Localized(map, "text");
        return id is null || text is null ? null : new Ground { Id = id.Value.Value, Text = text };
    }

    private RequestProcedure? ReadRequests(YamlMap map)
    {
        var types = map.Texts("types");
        foreach (var (type, node) in types)
        {
            Define(KindName(Kind.RequestType), type, node);
            references.Add(new IdReference(Kind.Term, type, node, $"{map.Path}.types"));
        }

        var refusalGrounds = ReadEach(map, "refusal-grounds", m => ReadGround(m, "refusal ground"));
        var documents = ItemIds(map, "identity-documents", Kind.Term);
        var deadline = map.Int("deadline-business-days", required: false);
        if (deadline is <= 0)
        {
            diagnostics.Add(map.Field("deadline-business-days", required: true)!, PolicyRules.InvalidValue, $"{map.Path}.deadline-business-days must be at least 1");
        }

        var free = ItemIds(map, "free-of-charge", Kind.RequestType, required: false);
        var attorneys = ReadAttorneyDocuments(map);
        var methods = ItemIds(map, "verification-methods", Kind.Term, required: false);
        map.Done();
        return new RequestProcedure
        {
            Types = types.Select(t => t.Value).ToList(),
            RefusalGrounds = refusalGrounds,
            IdentityDocuments = documents,
            DeadlineBusinessDays = deadline,
            FreeOfCharge = free,
            AttorneyDocuments = attorneys,
            VerificationMethods = methods,
        };
    }

    // Clause (2) b: what each kind of attorney encloses to show their authority. An attorney the policy does not name
    // cannot make a request under it.
    private Dictionary<string, IReadOnlyList<string>> ReadAttorneyDocuments(YamlMap parent)
    {
        var documents = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (parent.Map("attorney-documents", required: false) is not { } map)
        {
            return documents;
        }

        foreach (var (attorney, key, _) in map.All())
        {
            if (!RequestProcedure.Attorneys.Contains(attorney, StringComparer.Ordinal))
            {
                diagnostics.Add(key, PolicyRules.InvalidValue, $"{map.Path}.{attorney}: an attorney is one of {string.Join(", ", RequestProcedure.Attorneys)}");
                continue;
            }

            documents[attorney] = ItemIds(map, attorney, Kind.Term);
        }

        map.Done();
        return documents;
    }

    private Dictionary<string, LocalizedText> ReadTerms(YamlMap map)
    {
        var terms = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var (id, key, _) in map.All())
        {
            Define(KindName(Kind.Term), id, key);
            if (Localized(map, id) is { } text)
            {
                terms[id] = text;
            }
        }

        return terms;
    }
}
