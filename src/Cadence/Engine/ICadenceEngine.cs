using NodaTime;

namespace Cadence;

/// <summary>
/// Decides the next allowed contact for persons and accounts under one policy. Minimal on purpose: one account or
/// person, a batch into a caller's buffer, and the check of a proposed contact; <see cref="CadenceEngineExtensions"/> adds the conveniences (the clock's instant, a batch into a
/// new array, a batch from memory, a stream) on top of these for every implementation.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ICadenceEngine
{
    /// <summary>The policy the engine evaluates.</summary>
    CadencePolicy Policy { get; }

    /// <summary>What evaluator the engine uses and what it compiled, for logs and diagnostics.</summary>
    string Description { get; }

    /// <summary>The clock <see cref="CadenceEngineExtensions.EvaluateNow(ICadenceEngine, BorrowerState)"/> reads; <see langword="null"/> when the engine has none.</summary>
    IClock? Clock { get; }

    /// <summary>Decides for one account at <paramref name="now"/>.</summary>
    /// <param name="account">The account's state.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <returns>The decision; an invalid account or a failing rule gives an <see cref="DecisionKind.Error"/> decision.</returns>
    Decision Evaluate(BorrowerState account, Instant now);

    /// <summary>
    /// Decides for every account into <paramref name="destination"/>, index for index, partitioned over the processors;
    /// allocates nothing per account on the compiled evaluator with explanations off. A <see langword="null"/> account
    /// gets an error decision; every account gets one decision.
    /// </summary>
    /// <param name="accounts">The accounts (an array or a list).</param>
    /// <param name="destination">Where the decisions go; at least as long as <paramref name="accounts"/>.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decides the next contact with a person at <paramref name="now"/>, coordinated across all their accounts and
    /// contact points. An engine written before persons existed answers a person of one account with at most one
    /// contact point per channel through <see cref="Evaluate(BorrowerState, Instant)"/>, and refuses others.
    /// </summary>
    /// <param name="person">The person.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <returns>The decision; an invalid person or a failing rule gives an <see cref="DecisionKind.Error"/> decision.</returns>
    /// <exception cref="NotSupportedException">The implementation does not evaluate persons of several accounts or points.</exception>
    Decision Evaluate(Person person, Instant now)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Accounts.Length != 1 || person.ContactPoints.GroupBy(p => p?.Channel).Any(g => g.Count() > 1) || !person.Regions.IsEmpty)
        {
            throw new NotSupportedException($"{GetType().Name} does not evaluate persons of several accounts, contact points per channel or regions.");
        }

        var a = person.Accounts[0];
        var state = new BorrowerState(person.PersonId)
        {
            TimeZoneIds = person.TimeZoneIds,
            DueDate = a.DueDate,
            AmountDue = a.AmountDue,
            Autopay = a.Autopay,
            ContactPoints = person.ContactPoints,
            Holds = person.Holds.AddRange(a.Holds),
            Tags = person.Tags.AddRange(a.Tags),
            History = person.History,
        };
        return Evaluate(state, now);
    }

    /// <summary>
    /// Decides for every person into <paramref name="destination"/>, index for index (see
    /// <see cref="EvaluateBatch(IReadOnlyList{BorrowerState}, Memory{Decision}, Instant, CancellationToken)"/>).
    /// </summary>
    /// <param name="persons">The persons (an array or a list).</param>
    /// <param name="destination">Where the decisions go; at least as long as <paramref name="persons"/>.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    void EvaluateBatch(IReadOnlyList<Person> persons, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        CadenceEngineExtensions.EnsureRoom(destination, persons.Count);
        for (var i = 0; i < persons.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            destination.Span[i] = Evaluate(persons[i], now);
        }
    }

    /// <summary>
    /// "May I make this contact now?": checks a contact the host proposes (an agent's manual dial, a dialer's pre-dial
    /// gate, a callback) against every block, window, cooldown and cap at every scope it touches, and answers whether it
    /// is allowed at <paramref name="now"/>, or the earliest instant it would be, with the rules that decided.
    /// </summary>
    /// <param name="person">The person.</param>
    /// <param name="contact">The proposed contact.</param>
    /// <param name="now">The instant the contact would be made.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="NotSupportedException">The implementation does not check proposed contacts.</exception>
    ContactCheck Check(Person person, ProposedContact contact, Instant now)
        => throw new NotSupportedException($"{GetType().Name} does not check proposed contacts.");
}
