using YamlDotNet.RepresentationModel;

namespace Custodian.Policy.Loading;

/// <summary>
/// Turns one YAML document into a <see cref="PrivacyPolicy"/>, or into the list of everything wrong
/// with it. References (a purpose's items, a channel's purposes, ...) are collected while reading and
/// checked once every definition is known, each reported where it is written.
/// </summary>
internal sealed partial class PolicyReader
{
    private static readonly string[] Calendars = ["jp", "mx"];

    private readonly PolicyDiagnostics diagnostics;
    private readonly Dictionary<string, Dictionary<string, YamlNode>> definitions = new(StringComparer.Ordinal);
    private readonly List<IdReference> references = [];
    private readonly List<LocalizedEntry> localizedTexts = [];

    private PolicyReader(PolicyDiagnostics diagnostics) => this.diagnostics = diagnostics;

    private enum Kind
    {
        Category,
        Item,
        Purpose,
        Term,
        RequestType,
    }

    public static PrivacyPolicy? Read(YamlNode root, PolicyDiagnostics diagnostics) => new PolicyReader(diagnostics).Read(root);

    private PrivacyPolicy? Read(YamlNode root)
    {
        if (YamlMap.From(root, "policy", diagnostics) is not { } map)
        {
            return null;
        }

        var id = map.Text("id");
        var version = map.Text("version");
        var effective = ReadEffective(map);
        var binding = map.TextAt("binding-language");
        var calendar = map.TextAt("calendar");
        if (binding is { } language && !IsLanguageCode(language.Value))
        {
            diagnostics.Add(language.Node, PolicyRules.InvalidValue, "policy.binding-language must be a two-letter language code such as ja");
        }

        if (calendar is { } cal && !Calendars.Contains(cal.Value, StringComparer.Ordinal))
        {
            diagnostics.Add(cal.Node, PolicyRules.InvalidValue, $"policy.calendar must be one of: {string.Join(", ", Calendars)}");
        }

        var @operator = map.Map("operator") is { } operatorMap ? ReadOperator(operatorMap) : null;
        var categories = ReadEach(map, "categories", ReadCategory);
        var items = ReadEach(map, "items", ReadItem);
        var purposes = ReadEach(map, "purposes", ReadPurpose);
        var channels = ReadEach(map, "channels", ReadChannel);
        var recipients = map.Map("recipients", required: false) is { } recipientsMap ? ReadRecipients(recipientsMap) : new Recipients();
        var grounds = ReadEach(map, "provision-without-consent", m => ReadGround(m, "provision ground"));
        var requests = map.Map("requests") is { } requestsMap ? ReadRequests(requestsMap) : null;
        var anonymized = map.Map("anonymized", required: false);
        var anonymizedItems = anonymized is null ? [] : ItemIds(anonymized, "items", Kind.Item);
        var removedItems = anonymized is null ? [] : ItemIds(anonymized, "removed", Kind.Item);
        anonymized?.Done();
        var terms = map.Map("terms", required: false) is { } termsMap ? ReadTerms(termsMap) : new Dictionary<string, LocalizedText>();
        var cookies = map.Map("cookies", required: false) is { } cookiesMap ? ReadCookies(cookiesMap, recipients) : null;
        // The operator's text files (texts:) are the notice; sections written in the file (notices:) are for a policy without them.
        var textsMap = map.Map("texts", required: false);
        var texts = textsMap is null ? new Dictionary<string, NoticeText>() : ReadTexts(textsMap);
        var noticesMap = map.Map("notices", required: textsMap is null);
        var notices = noticesMap is null ? null : ReadNotices(noticesMap);
        var retention = ReadRetention(map, notices, texts, binding?.Value);
        var operatorSet = ReadOperatorSet(map, root);
        CheckEffectiveIsOperatorSet(map, effective, operatorSet.Values);
        map.Done();

        CheckReferences();
        CheckAbroad(calendar?.Value);
        if (notices is not null && noticesMap is not null)
        {
            CheckNotices(notices, noticesMap, binding?.Value, recipients, requests);
            CheckTexts(notices.Keys, textsMap, recipients, operatorSet.Nodes);
        }
        else if (textsMap is not null)
        {
            // The languages the file declares, read or not: an unreadable text is reported once, as unreadable.
            var languages = textsMap.All().Select(t => t.Name).ToList();
            CheckTextLanguages(languages, textsMap, binding?.Value);
            CheckTexts(languages, textsMap, recipients, operatorSet.Nodes);
        }

        if (diagnostics.Errors.Count > 0)
        {
            return null;
        }

        return new PrivacyPolicy
        {
            Id = id!,
            Version = version!,
            Effective = effective,
            Operator = @operator!,
            BindingLanguage = binding!.Value.Value,
            Calendar = calendar!.Value.Value,
            Categories = categories,
            Items = items,
            Purposes = purposes,
            Channels = channels,
            Recipients = recipients,
            ProvisionWithoutConsentGrounds = grounds,
            Requests = requests!,
            AnonymizedItems = anonymizedItems,
            AnonymizedRemovedItems = removedItems,
            Terms = terms,
            Notices = notices ?? new Dictionary<string, Notice>(),
            Cookies = cookies,
            Retention = retention,
            Texts = texts,
            OperatorSet = operatorSet.Values,
        };
    }

    private Operator? ReadOperator(YamlMap map)
    {
        var name = map.Text("name");
        var representative = map.Text("representative", required: false);
        var contactPoints = ReadEach(map, "contact-points", ReadContactPoint);
        map.Done();
        return name is null ? null : new Operator { Name = name, Representative = representative, ContactPoints = contactPoints };
    }

    private ContactPoint? ReadContactPoint(YamlMap map)
    {
        var name = map.Text("name");
        var point = new ContactPoint
        {
            Name = name ?? "",
            Address = map.Text("address", required: false),
            Email = map.Text("email", required: false),
            Telephone = map.Text("telephone", required: false),
            Fax = map.Text("fax", required: false),
            Hours = Reference(map, "hours", Kind.Term, required: false),
        };
        return name is null ? null : point;
    }

    private InformationCategory? ReadCategory(YamlMap map)
    {
        var id = Define(map, Kind.Category);
        var name = Localized(map, "name");
        return id is null || name is null ? null : new InformationCategory { Id = id, Name = name };
    }

    private DataItem? ReadItem(YamlMap map)
    {
        var id = Define(map, Kind.Item);
        var category = Reference(map, "category", Kind.Category);
        var type = map.TextAt("type");
        var name = Localized(map, "name");
        ItemType? itemType = null;
        if (type is { } t)
        {
            itemType = Enum.GetNames<ItemType>().Contains(t.Value, StringComparer.Ordinal) ? Enum.Parse<ItemType>(t.Value) : null;
            if (itemType is null)
            {
                diagnostics.Add(t.Node, PolicyRules.InvalidValue, $"{map.Path}.type must be one of: {string.Join(", ", Enum.GetNames<ItemType>())}");
            }
        }

        return id is null || category is null || itemType is null || name is null
            ? null
            : new DataItem { Id = id, Category = category, Type = itemType.Value, Name = name };
    }

    private PurposeOfUse? ReadPurpose(YamlMap map)
    {
        var id = Define(map, Kind.Purpose);
        var label = map.TextAt("label");
        if (label is { } l)
        {
            Define("purpose label", l.Value, l.Node);
        }

        var items = ItemIds(map, "items", Kind.Item);
        var requiredItems = map.Texts("required", required: false);
        foreach (var (item, node) in requiredItems.Where(r => !items.Contains(r.Value, StringComparer.Ordinal)))
        {
            diagnostics.Add(node, PolicyRules.RequiredNotInItems, $"{map.Path}: required item '{item}' is not among the purpose's items");
        }

        var consent = map.Bool("consent");
        var catchAll = map.Bool("catch-all", required: false);
        var description = Localized(map, "description");
        return id is null || label is null || consent is null || description is null
            ? null
            : new PurposeOfUse
            {
                Id = id,
                Label = label.Value.Value,
                Items = items,
                RequiredItems = requiredItems.Select(r => r.Value).ToList(),
                RequiresConsent = consent.Value,
                Description = description,
                CatchAll = catchAll ?? false,
            };
    }

    private Channel? ReadChannel(YamlMap map)
    {
        var id = map.Text("id");
        if (id is not null)
        {
            Define("channel", id, map.Field("id", required: true)!);
        }

        var purposes = ItemIds(map, "purposes", Kind.Purpose);
        var name = Localized(map, "name");
        return id is null || name is null ? null : new Channel { Id = id, Purposes = purposes, Name = name };
    }

    private DateOnly? ReadEffective(YamlMap map)
    {
        if (map.TextAt("effective", required: false) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return day;
        }

        diagnostics.Add(text.Node, PolicyRules.InvalidValue, "policy.effective must be a date written yyyy-MM-dd");
        return null;
    }

    // The published texts carry no effective day of a version: it is the operator's, and policy check lists it as such.
    private void CheckEffectiveIsOperatorSet(YamlMap map, DateOnly? effective, IReadOnlyList<OperatorSetValue> operatorSet)
    {
        if (effective is not null && map.Field("effective", required: false) is { } node && !operatorSet.Any(value => value.Path == "effective"))
        {
            diagnostics.Add(node, PolicyRules.NotInText, "policy.effective is the operator's date, not the published text's: list 'effective' under operator-set");
        }
    }

    private static bool IsLanguageCode(string value) => value.Length == 2 && value.All(char.IsAsciiLetterLower);
}
