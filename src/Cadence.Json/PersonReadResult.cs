using System.Collections.Immutable;
using System.Globalization;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Json;

/// <summary>
/// The result of reading one record of an accounts file with <see cref="PersonJson"/>: a person (a line with
/// <c>personId</c>), an account (a line with <c>accountId</c> and no <c>personId</c>, read exactly as
/// <see cref="AccountJson"/> reads it), or every problem found.
/// </summary>
/// <param name="Line">The line of its file the record starts on.</param>
/// <param name="Person">The person, for a person record read without problems; otherwise <see langword="null"/>.</param>
/// <param name="Account">The account's state, for an account record read without problems; otherwise <see langword="null"/>.</param>
/// <param name="Errors">Every problem, each with its JSON path and line, in text order.</param>
public sealed record PersonReadResult(int Line, Person? Person, BorrowerState? Account, ImmutableArray<PolicyError> Errors)
{
    /// <summary>Whether the record was read without problems (then exactly one of <see cref="Person"/> and <see cref="Account"/> is set).</summary>
    public bool Success => Person is not null || Account is not null;

    /// <summary>The person's or account's id; <see langword="null"/> when the record could not be read.</summary>
    public string? Id => Person?.PersonId ?? Account?.AccountId;

    /// <summary>
    /// The person the record describes: the person read, or the person of one account an account record describes
    /// (<see cref="Cadence.Person.FromAccount"/>); <see langword="null"/> when the record could not be read.
    /// </summary>
    /// <returns>The person.</returns>
    public Person? ToPerson() => Person ?? (Account is { } account ? Cadence.Person.FromAccount(account) : null);

    /// <summary>
    /// The <see cref="DecisionKind.Error"/> decision that keeps an unreadable record's place among decisions: named
    /// after its line (<c>line 17</c>), with <see cref="ReasonCode.InvalidAccount"/> and every problem, as
    /// <see cref="AccountReadResult.ToErrorDecision"/> does.
    /// </summary>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">The record was read without problems.</exception>
    public Decision ToErrorDecision() => Success
        ? throw new InvalidOperationException("The record was read without problems; evaluate it instead.")
        : Decision.Failed(string.Create(CultureInfo.InvariantCulture, $"line {Line}"), ReasonCode.InvalidAccount, string.Join("; ", Errors));

    /// <summary>
    /// Decides for the record: an account as an account (its decision is the one <see cref="AccountJson"/>'s reader
    /// always gave), a person as a person, and a record that could not be read as its <see cref="ToErrorDecision"/>.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <returns>The decision.</returns>
    public Decision Evaluate(ICadenceEngine engine, Instant now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Account is { } account ? engine.Evaluate(account, now)
            : Person is { } person ? engine.Evaluate(person, now)
            : ToErrorDecision();
    }
}
