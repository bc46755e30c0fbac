using System.Collections.Immutable;
using Cadence.Simulation;

namespace Cadence.Testing;

/// <summary>A violation the independent checker found, under which policy, and for which outcomes of the contact.</summary>
/// <param name="PolicyName">The policy whose rule was broken.</param>
/// <param name="Violation">The violation.</param>
/// <param name="Outcomes">The outcomes of the checked contact that break the rule (all of them for most rules).</param>
internal sealed record Finding(string PolicyName, ComplianceViolation Violation, ImmutableArray<ContactOutcome> Outcomes)
{
    public override string ToString()
    {
        var outcomes = Outcomes.Length == Enum.GetValues<ContactOutcome>().Length || Outcomes.IsEmpty ? string.Empty : $" (if the contact ends {string.Join(" or ", Outcomes)})";
        return $"[{PolicyName}] {Violation}{outcomes}";
    }
}
