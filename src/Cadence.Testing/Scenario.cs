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
