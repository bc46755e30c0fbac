using System.Collections.Immutable;
using System.Globalization;
using Cadence.Explanations;

namespace Cadence.Json;

/// <summary>The result of reading one account: its state, or every problem found.</summary>
/// <param name="Line">The line of its file the account starts on.</param>
/// <param name="Account">The account's state; <see langword="null"/> when there were problems.</param>
/// <param name="Errors">Every problem, each with its JSON path and line, in text order.</param>
public sealed record AccountReadResult(int Line, BorrowerState? Account, ImmutableArray<PolicyError> Errors)
{
    /// <summary>Whether the account was read without problems.</summary>
    public bool Success => Account is not null;

    /// <summary>
    /// The <see cref="DecisionKind.Error"/> decision that keeps an unreadable account's place among decisions: named
    /// after its line (<c>line 17</c>), with <see cref="ReasonCode.InvalidAccount"/> and every problem.
    /// </summary>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">The account was read without problems.</exception>
    public Decision ToErrorDecision() => Success
        ? throw new InvalidOperationException("The account was read without problems; evaluate it instead.")
        : Decision.Failed(string.Create(CultureInfo.InvariantCulture, $"line {Line}"), ReasonCode.InvalidAccount, string.Join("; ", Errors));
}
