namespace Cadence;

/// <summary>
/// The kind of a hold on an account. The well-known kinds are static members; a lender may name its own.
/// </summary>
/// <param name="Name">The kind's name, compared ordinally.</param>
public readonly record struct HoldKind(string Name)
{
    /// <summary>A written request to cease communication.</summary>
    public static HoldKind CeaseCommunication { get; } = new("cease-communication");

    /// <summary>The debt is disputed.</summary>
    public static HoldKind Dispute { get; } = new("dispute");

    /// <summary>A bankruptcy petition was accepted.</summary>
    public static HoldKind Bankruptcy { get; } = new("bankruptcy");

    /// <summary>The borrower is deceased.</summary>
    public static HoldKind Deceased { get; } = new("deceased");

    /// <summary>The borrower is represented by an attorney.</summary>
    public static HoldKind AttorneyRepresented { get; } = new("attorney-represented");

    /// <summary>Hardship or forbearance.</summary>
    public static HoldKind Hardship { get; } = new("hardship");

    /// <summary>The borrower promised to pay by a date.</summary>
    public static HoldKind PromiseToPay { get; } = new("promise-to-pay");

    /// <summary>The borrower is on a payment plan.</summary>
    public static HoldKind PaymentPlan { get; } = new("payment-plan");

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
