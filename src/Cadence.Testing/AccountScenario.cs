using System.Text;
using NodaTime;

namespace Cadence.Testing;

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
