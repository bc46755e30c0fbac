using Cadence.Simulation;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing;

/// <content>
/// The guarantees over persons: several accounts, several contact points per channel, one shared history, rules
/// scoped per person, account or contact point.
/// </content>
public sealed partial class PolicyProperties
{
    /// <summary>
    /// Checks persons of your own making instead of <see cref="CadenceArbitraries.PersonsFor"/> in the properties over
    /// persons: a generator of persons for an evaluation instant. Failing persons still shrink.
    /// </summary>
    /// <param name="personsAt">The persons for an instant.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties WithPersons(Func<Instant, Gen<Person>> personsAt)
    {
        ArgumentNullException.ThrowIfNull(personsAt);
        return new PolicyProperties(Policy, customEngine, constraints, accounts, personsAt, instants, ClosedLoopRounds);
    }

    /// <summary>
    /// Guarantee 1 for persons: the <c>NotBefore</c> of a person's contact, and of each escalation listed beside it, is
    /// at or after now, within the horizon, and inside an allowed window in every zone of the person, under the policy
    /// and every constraint (those limited to regions where the person lives in one of them or where it is not known).
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverOutsideAWindowForPersons()
        => SinglePerson(nameof(NeverOutsideAWindowForPersons), (s, d) =>
        {
            var problems = new List<string>();
            foreach (var action in Actions(d))
            {
                if (action.NotBefore is not { } notBefore)
                {
                    problems.Add($"a {action.Kind} of step {action.Step?.Id} has no NotBefore");
                }
                else if (notBefore < s.Now)
                {
                    problems.Add($"NotBefore {Describe.At(notBefore, s.Person, Policy)} of step {action.Step?.Id} is before now {Describe.At(s.Now, s.Person, Policy)}");
                }
                else if (notBefore > s.Now + Policy.Horizon)
                {
                    problems.Add($"NotBefore {Describe.At(notBefore, s.Person, Policy)} of step {action.Step?.Id} is beyond the policy's horizon of {Policy.Horizon} after now");
                }
            }

            return problems.Concat(Violations(s, d, _ => true, ViolationKind.Window));
        });

    /// <summary>
    /// Guarantee 2 for persons: recording a person's decided contact at its <c>NotBefore</c> — on its contact point,
    /// about every account it is about, whatever its outcome — and each escalation listed beside it, breaks no cap, no
    /// cooldown and no step rule, at any scope (the person, each account, the point), under the policy and every
    /// constraint.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverBreaksACapOrCooldownForPersons()
        => SinglePerson(nameof(NeverBreaksACapOrCooldownForPersons), (s, d) => Violations(s, d, _ => true, ViolationKind.Cap, ViolationKind.Cooldown, ViolationKind.Step));

    /// <summary>
    /// Recording a person's decided contact (see <see cref="NeverBreaksACapOrCooldownForPersons"/>) breaks no cap that
    /// counts at <paramref name="scope"/>: per person (every attempt with the person), per account (the attempts that
    /// concerned each account the contact is about) or per contact point (the attempts on its point).
    /// </summary>
    /// <param name="scope">The scope of the caps to check.</param>
    /// <returns>The property.</returns>
    public Property NeverBreaksACap(RuleScope scope)
        => SinglePerson($"{nameof(NeverBreaksACap)}({scope})", (s, d) => Violations(s, d, v => v.Scope == Defined(scope), ViolationKind.Cap));

    /// <summary>
    /// Recording a person's decided contact (see <see cref="NeverBreaksACapOrCooldownForPersons"/>) breaks no cooldown
    /// that counts at <paramref name="scope"/>: one started by any attempt with the person, by an attempt about one of
    /// the contact's accounts, or by an attempt on its contact point — nor does the contact start one that covers an
    /// attempt booked after it.
    /// </summary>
    /// <param name="scope">The scope of the cooldowns to check.</param>
    /// <returns>The property.</returns>
    public Property NeverBreaksACooldown(RuleScope scope)
        => SinglePerson($"{nameof(NeverBreaksACooldown)}({scope})", (s, d) => Violations(s, d, v => v.Scope == Defined(scope), ViolationKind.Cooldown));

    /// <summary>
    /// Guarantee 3 for persons: no decided contact uses a blocked channel or point — an unknown account or contact
    /// point, a point of another channel, opted out, without the consent its channel requires, at a restricted
    /// workplace or exhausted by failures — nor goes through a hold of the person or of an account it is about, under
    /// the policy and every constraint.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverUsesABlockedChannelForPersons()
        => SinglePerson(nameof(NeverUsesABlockedChannelForPersons), (s, d) => Unknowns(s, d).Concat(Violations(s, d, _ => true, ViolationKind.Hold, ViolationKind.ContactPoint, ViolationKind.Exhaustion)));

    /// <summary>
    /// No decided contact or listed escalation goes through a hold at <paramref name="scope"/>: a hold of the person
    /// (<see cref="RuleScope.Person"/>), which covers every account, or a hold of an account it is about
    /// (<see cref="RuleScope.Account"/>).
    /// </summary>
    /// <param name="scope"><see cref="RuleScope.Person"/> or <see cref="RuleScope.Account"/>.</param>
    /// <returns>The property.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is neither: holds are not placed on contact points.</exception>
    public Property NeverContactsDuringAHold(RuleScope scope)
    {
        if (scope is not (RuleScope.Person or RuleScope.Account))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Holds are placed on a person or on an account: pass RuleScope.Person or RuleScope.Account.");
        }

        return SinglePerson($"{nameof(NeverContactsDuringAHold)}({scope})", (s, d) => Violations(s, d, v => v.Scope == scope, ViolationKind.Hold));
    }

    /// <summary>
    /// No decided contact uses a contact point exhausted by consecutive failures (since it was last updated), under any
    /// exhaustion rule of the policy or of a constraint; the person's other points of the channel stay usable.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverUsesAnExhaustedContactPoint()
        => SinglePerson(nameof(NeverUsesAnExhaustedContactPoint), (s, d) => Violations(s, d, _ => true, ViolationKind.Exhaustion));

    /// <summary>Every property over persons, each over its own generated cases.</summary>
    /// <returns>The property.</returns>
    public Property AllForPersons()
        => NeverOutsideAWindowForPersons()
            .And(NeverBreaksACapOrCooldownForPersons())
            .And(NeverUsesABlockedChannelForPersons());

    private static RuleScope Defined(RuleScope scope)
        => Enum.IsDefined(scope) ? scope : throw new ArgumentOutOfRangeException(nameof(scope), scope, "Pass RuleScope.Person, RuleScope.Account or RuleScope.ContactPoint.");

    /// <summary>The decision's contact or escalation, then each escalation listed beside it.</summary>
    private static IEnumerable<Decision> Actions(Decision d)
        => d.Kind is DecisionKind.Contact or DecisionKind.Escalate ? d.Escalations.Prepend(d) : d.Escalations;

    /// <summary>Accounts and contact points a decision names that the person does not have, or a point of another channel.</summary>
    private static IEnumerable<string> Unknowns(PersonScenario s, Decision d)
    {
        foreach (var action in Actions(d))
        {
            foreach (var id in action.AccountIds.Where(id => !s.Person.Accounts.Any(a => a.AccountId == id)))
            {
                yield return $"{action.Kind} of step {action.Step?.Id} is about account '{id}', which the person does not have";
            }

            if (action.Step?.Channel is not { } channel)
            {
                continue;
            }

            var point = s.Person.ContactPoints.FirstOrDefault(p => p.Id == action.ContactPointId);
            if (point is null)
            {
                yield return $"{action.Kind} of step {action.Step.Id} is on contact point '{action.ContactPointId ?? "none"}', which the person does not have";
            }
            else if (point.Channel != channel)
            {
                yield return $"{action.Kind} of step {action.Step.Id} on {channel} is on contact point '{point.Id}', a {point.Channel} point";
            }
        }
    }

    private Property SinglePerson(string name, Func<PersonScenario, Decision, IEnumerable<string>> problemsOf)
        => Prop.ForAll(Arb.From(PersonCases(), CadenceArbitraries.Shrink), s =>
        {
            var d = Engine.Evaluate(s.Person, s.Now);
            return Verdict(name, [.. problemsOf(s, d)], Describe.Decision(d, s.Person, Policy) + (d.Explanation is null ? "  (no explanation: the engine does not collect them)" + Environment.NewLine : string.Empty));
        });

    private IEnumerable<string> Violations(PersonScenario s, Decision d, Func<ComplianceViolation, bool> which, params ViolationKind[] kinds)
        => checker.Value.Check(s.Person, s.Now, d).Where(f => kinds.Contains(f.Violation.Kind) && which(f.Violation)).Select(f => f.ToString());

    private Gen<PersonScenario> PersonCases()
        => Cases(persons, CadenceArbitraries.PersonScenariosFor(Policy, constraints), (zones, now) => CadenceArbitraries.PersonsFor(Policy, zones, now, constraints), (p, now) => new PersonScenario(Policy, p, now));
}
