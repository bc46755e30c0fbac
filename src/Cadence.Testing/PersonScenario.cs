using System.Text;
using NodaTime;

namespace Cadence.Testing;

/// <summary>A person of a policy and the instant they are evaluated at: what a property over persons is checked on.</summary>
/// <param name="Policy">The policy the person is evaluated under.</param>
/// <param name="Person">The person.</param>
/// <param name="Now">The evaluation instant.</param>
/// <remarks>
/// Its <see cref="ToString"/> is the counterexample a failing property prints: the instant (with the person's local
/// time), the policy's summary and the person's zones, regions and holds, then each account, contact point and history
/// entry, one line each, with ISO instants (see <see cref="Describe.Person"/>). Immutable and thread-safe.
/// </remarks>
public sealed record PersonScenario(CadencePolicy Policy, Person Person, Instant Now)
{
    /// <summary>The scenario, readably: the instant, the policy's summary and the person.</summary>
    /// <returns>Multi-line text.</returns>
    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append("now = ").Append(Describe.At(Now, Person, Policy)).AppendLine();
        s.Append(Describe.Policy(Policy));
        s.Append(Describe.Person(Person, Policy));
        return s.ToString();
    }
}
