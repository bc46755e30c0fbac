using System.Diagnostics.CodeAnalysis;

namespace Cadence.Samples.Worker;

/// <summary>Where the worker reads each borrower's current state, and where a contact that was made is recorded.</summary>
internal interface IAccountStore
{
    /// <summary>The ids of every account, in the order they were loaded.</summary>
    IReadOnlyList<string> AccountIds { get; }

    /// <summary>The account's current state.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="account">Its state.</param>
    /// <returns><see langword="false"/> when there is no such account.</returns>
    bool TryGet(string accountId, [NotNullWhen(true)] out BorrowerState? account);

    /// <summary>Adds a contact attempt to the account's history.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="attempt">The attempt.</param>
    void AppendAttempt(string accountId, ContactAttempt attempt);
}
