using Custodian.Policy;
using Microsoft.Extensions.Options;

namespace Custodian.Incidents;

/// <summary>Checks at start that the sensitive and financial items are items of a loaded policy and the day counts are in range.</summary>
internal sealed class IncidentsOptionsValidator(PolicyStore policies) : IValidateOptions<IncidentsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentsOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, items) in new[] { ("SensitiveItems", options.SensitiveItems), ("FinancialItems", options.FinancialItems) })
        {
            foreach (var item in items)
            {
                var parts = item.Split('/', 2);
                if (parts.Length != 2 || policies.Find(parts[0])?.FindItem(parts[1]) is null)
                {
                    problems.Add($"{IncidentsOptions.Section}:{key}: '{item}' is not 'policy/item' of a loaded policy.");
                }
            }
        }

        problems.AddRange(options.Deadlines.Problems());
        problems.AddRange(options.Notices.Problems(policies));

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
