using System.Collections.Immutable;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Testing;

/// <summary>A policy, a few of its accounts and the instant they are evaluated at: one generated case.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Accounts">The accounts, with distinct ids.</param>
/// <param name="Now">The evaluation instant.</param>
/// <remarks>
/// Its <see cref="ToString"/> is what a failing property prints: the policy's summary, then every account line by
/// line (see <see cref="Describe"/>). Immutable and thread-safe.
/// </remarks>
public sealed record Scenario(CadencePolicy Policy, ImmutableArray<BorrowerState> Accounts, Instant Now)
{
    /// <summary>The accounts, in order; never default.</summary>
    public ImmutableArray<BorrowerState> Accounts { get; init; } = Accounts.IsDefault ? [] : Accounts;

    /// <summary>Whether <paramref name="other"/> has the same policy, instant and accounts, element by element.</summary>
    /// <param name="other">Another scenario.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(Scenario? other)
        => other is not null && Policy.Equals(other.Policy) && Now == other.Now && Accounts.SequenceEqual(other.Accounts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Policy, Now, Accounts.Length);

    /// <summary>The scenario, readably: the instant, the policy's summary and every account.</summary>
    /// <returns>Multi-line text.</returns>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append("now = ").Append(InstantPattern.ExtendedIso.Format(Now)).AppendLine();
        s.Append(Describe.Policy(Policy));
        foreach (var account in Accounts)
        {
            s.Append(Describe.Account(account, Policy));
        }

        return s.ToString();
    }
}

/// <summary>One account of a policy and the instant it is evaluated at: what a single-account property is checked on.</summary>
/// <param name="Policy">The policy the account is evaluated under.</param>
/// <param name="Account">The account.</param>
/// <param name="Now">The evaluation instant.</param>
/// <remarks>
/// Its <see cref="ToString"/> is the counterexample a failing property prints: the instant (with the borrower's local
/// time), the policy's summary and the account's zones, due date, contact points, holds and history, one line each,
/// with ISO instants. Immutable and thread-safe.
/// </remarks>
public sealed record AccountScenario(CadencePolicy Policy, BorrowerState Account, Instant Now)
{
    /// <summary>The scenario, readably: the instant, the policy's summary and the account.</summary>
    /// <returns>Multi-line text.</returns>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append("now = ").Append(Describe.At(Now, Account, Policy)).AppendLine();
        s.Append(Describe.Policy(Policy));
        s.Append(Describe.Account(Account, Policy));
        return s.ToString();
    }
}
