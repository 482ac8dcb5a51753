using System.Text.RegularExpressions;

namespace Custodian.Policy.Loading;

/// <summary>The cookie and web-beacon categories that the consent script offers.</summary>
internal sealed partial class PolicyReader
{
    private CookiePolicy? ReadCookies(YamlMap map, Recipients recipients)
    {
        var categories = ReadEach(map, "categories", ReadCookieCategory);
        map.Done();
        var claiming = categories.Where(c => c.AdvertisingPartners).ToList();
        // Partners' cookies must belong to exactly one category, or they would be set with no choice to refuse them.
        if (recipients.AdvertisingPartners.Count > 0 && claiming.Count != 1)
        {
            diagnostics.Add(map.Node, PolicyRules.InvalidValue,
                $"{map.Path}: exactly one category must have 'advertising-partners: true', since the policy names advertising partners (found {claiming.Count})");
        }

        if (!categories.Any(c => !c.Required))
        {
            diagnostics.Add(map.Node, PolicyRules.InvalidValue, $"{map.Path}: at least one category must be a choice (required: false)");
        }

        return new CookiePolicy { Categories = categories };
    }

    private CookieCategory? ReadCookieCategory(YamlMap map)
    {
        var id = map.TextAt("id");
        if (id is { } defined)
        {
            Define("cookie category", defined.Value, defined.Node);
            if (!CookieCategoryId().IsMatch(defined.Value))
            {
                diagnostics.Add(defined.Node, PolicyRules.InvalidValue, $"{map.Path}.id must be lower-case letters, digits and hyphens (it is stored with each choice)");
            }
        }

        var required = map.Bool("required");
        var partners = map.Bool("advertising-partners", required: false) ?? false;
        if (required == true && partners)
        {
            diagnostics.Add(map.Field("advertising-partners", required: true)!, PolicyRules.InvalidValue,
                $"{map.Path}: a required category cannot hold advertising partners, who must be refusable");
        }

        var name = Localized(map, "name");
        var description = Localized(map, "description");
        return id is null || required is null || name is null || description is null
            ? null
            : new CookieCategory { Id = id.Value.Value, Required = required.Value, AdvertisingPartners = partners, Name = name, Description = description };
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex CookieCategoryId();
}
