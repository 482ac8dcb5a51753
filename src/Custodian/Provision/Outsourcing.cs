namespace Custodian.Provision;

/// <summary>A consignee entrusted with part of the handling, selected against the checklist and supervised.</summary>
internal sealed class Consignee
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Purposes of use entrusted, comma separated.</summary>
    public string Purposes { get; set; } = "";
    /// <summary>Items entrusted, comma separated; its credential sees no other.</summary>
    public string Items { get; set; } = "";
    /// <summary>The selection checklist criteria met, comma separated.</summary>
    public string Checklist { get; set; } = "";
    public string SelectedBy { get; set; } = "";
    public DateTime SelectedAt { get; set; }
    public Guid? TokenId { get; set; }
}

internal sealed class ConsigneeSupervision
{
    public Guid Id { get; set; }
    public Guid ConsigneeId { get; set; }
    public bool Satisfactory { get; set; }
    public string Findings { get; set; } = "";
    public string RecordedBy { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>The advance notice of a change of joint users, shared items or purposes.</summary>
internal sealed class JointUseNotice
{
    public Guid Id { get; set; }
    public string PolicyId { get; set; } = "";
    public string Change { get; set; } = "";
    public DateTime NoticeAt { get; set; }
    public DateTime EffectiveAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>What a consignee must show before it is selected; the policy says only "select an appropriate consignee".</summary>
internal static class SelectionChecklist
{
    public static readonly IReadOnlyList<string> Criteria =
        ["security-measures", "confidentiality-agreement", "subcontracting-controlled", "incident-reporting", "return-or-deletion"];
}
