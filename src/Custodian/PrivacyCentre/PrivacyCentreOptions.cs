using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.PrivacyCentre;

/// <summary>The operator's sites that embed the consent script, and how each policy receives contact-form inquiries.</summary>
public sealed class PrivacyCentreOptions
{
    public const string Section = "PrivacyCentre";

    /// <summary>Origins (scheme://host[:port]) allowed to read the script's settings and post choices across sites.</summary>
    public List<string> SiteOrigins { get; set; } = [];

    /// <summary>Cookie choices accepted per minute from one network (IPv4 /24, IPv6 /48); offices share a network.</summary>
    public int ChoicesPerMinutePerNetwork { get; set; } = 600;

    /// <summary>Contact-form posts accepted per hour from one network.</summary>
    public int InquiriesPerHourPerNetwork { get; set; } = 20;

    /// <summary>Posts of the request form (/privacy/requests/new) accepted per hour from one network.</summary>
    public int RequestsPerHourPerNetwork { get; set; } = 10;

    /// <summary>Per policy id: the channel the contact form registers through; its first purpose is the answer's.</summary>
    public Dictionary<string, ContactSetup> Contact { get; set; } = new(StringComparer.Ordinal)
    {
        ["leverages-career-mexico"] = new() { Channel = "contact-form" },
        ["leverages-group"] = new() { Channel = "contact", AffiliateProvisionPurpose = "inquiry.affiliate-provision" },
    };

    /// <summary>Per policy id: the purpose under which inquiries are counted as statistics (the Mexico policy's 2b); none, none counted.</summary>
    public Dictionary<string, string> InquiryStatisticsPurposes { get; set; } = new(StringComparer.Ordinal)
    {
        ["leverages-career-mexico"] = "contact.statistics",
    };
}

public sealed class ContactSetup
{
    public string Channel { get; set; } = "";
    /// <summary>The purpose under which an inquiry may be provided to an affiliate, where the policy has one.</summary>
    public string? AffiliateProvisionPurpose { get; set; }
}

/// <summary>Bad origins or contact settings stop the start, naming the setting.</summary>
internal sealed class PrivacyCentreOptionsValidator(PolicyStore policies) : IValidateOptions<PrivacyCentreOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyCentreOptions options)
    {
        var errors = new List<string>();
        if (options.ChoicesPerMinutePerNetwork < 1 || options.InquiriesPerHourPerNetwork < 1 || options.RequestsPerHourPerNetwork < 1)
        {
            errors.Add("PrivacyCentre:ChoicesPerMinutePerNetwork, InquiriesPerHourPerNetwork and RequestsPerHourPerNetwork must be at least 1.");
        }

        foreach (var origin in options.SiteOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || origin.EndsWith('/') || uri.Query.Length > 0)
            {
                errors.Add($"PrivacyCentre:SiteOrigins: '{origin}' must be an origin such as https://www.example.com (scheme, host, optional port; no path).");
            }
        }

        foreach (var (policyId, setup) in options.Contact)
        {
            var policy = policies.Find(policyId);
            if (policy is null)
            {
                continue; // Settings for a policy not loaded here are harmless.
            }

            if (policy.FindChannel(setup.Channel) is not { Purposes.Count: > 0 })
            {
                errors.Add($"PrivacyCentre:Contact:{policyId}:Channel: '{setup.Channel}' is not a channel of the policy.");
            }

            if (setup.AffiliateProvisionPurpose is { } purpose && policy.FindPurpose(purpose) is null)
            {
                errors.Add($"PrivacyCentre:Contact:{policyId}:AffiliateProvisionPurpose: '{purpose}' is not a purpose of the policy.");
            }
        }

        foreach (var (policyId, purpose) in options.InquiryStatisticsPurposes)
        {
            if (policies.Find(policyId) is { } policy && policy.FindPurpose(purpose) is null)
            {
                errors.Add($"PrivacyCentre:InquiryStatisticsPurposes:{policyId}: '{purpose}' is not a purpose of the policy.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
