namespace Cadence.Jurisdictions;

/// <summary>The hold kinds 230-FZ bans interaction for, beside <see cref="HoldKind.Bankruptcy"/>.</summary>
public static class RussianHoldKinds
{
    /// <summary>The debtor is recognised as incapacitated or of limited capacity.</summary>
    public static HoldKind Incapacitated { get; } = new("incapacitated");

    /// <summary>The debtor is in in-patient medical treatment.</summary>
    public static HoldKind InPatientTreatment { get; } = new("in-patient-treatment");

    /// <summary>The debtor has a group I disability.</summary>
    public static HoldKind DisabilityGroupOne { get; } = new("disability-group-1");

    /// <summary>The debtor is a minor.</summary>
    public static HoldKind Minor { get; } = new("minor");

    /// <summary>The debtor refused interaction (230-FZ article 8; effective after 4 months of delinquency: record the hold from then).</summary>
    public static HoldKind RefusalOfInteraction { get; } = new("refusal-of-interaction");
}
