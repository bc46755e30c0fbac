using System.Globalization;

namespace Cadence;

/// <summary>An amount with its ISO 4217 currency code.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">The ISO 4217 code, e.g. <c>USD</c>.</param>
public readonly record struct Money(decimal Amount, string Currency)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");
}
