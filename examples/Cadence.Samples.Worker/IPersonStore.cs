using System.Diagnostics.CodeAnalysis;

namespace Cadence.Samples.Worker;

/// <summary>
/// Where the worker reads each borrower's current state, a <see cref="Person"/> with their accounts, contact points and
/// shared history, and where a contact that was made is recorded. An account of a file of accounts is a person of one
/// account, whose id is the account's.
/// </summary>
internal interface IPersonStore
{
    /// <summary>The ids of every person, in the order they were loaded.</summary>
    IReadOnlyList<string> PersonIds { get; }

    /// <summary>The person's current state.</summary>
    /// <param name="personId">The person.</param>
    /// <param name="person">Their state.</param>
    /// <returns><see langword="false"/> when there is no such person.</returns>
    bool TryGet(string personId, [NotNullWhen(true)] out Person? person);

    /// <summary>Adds a contact attempt to the person's history, which their accounts share.</summary>
    /// <param name="personId">The person.</param>
    /// <param name="attempt">The attempt, with the point it was made on and the accounts it was about.</param>
    void AppendAttempt(string personId, ContactAttempt attempt);
}
