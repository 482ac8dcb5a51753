namespace Custodian.Incidents.Reports;

/// <summary>One of Enforcement Rule Art. 8(1)'s nine items, numbered as there, with its heading and the prefilled text.</summary>
internal sealed record ReportSection(int Number, string Key, string Heading, string Text);

/// <summary>A draft report to the PPC for one incident, stage and language; the JSON form is this record as it is.</summary>
internal sealed record ReportDraft(
    Guid IncidentId, int IncidentNumber, string Stage, string Language, string Title, string Operator, DateOnly DraftedOn,
    IReadOnlyList<string> Notes, IReadOnlyList<ReportSection> Sections);
