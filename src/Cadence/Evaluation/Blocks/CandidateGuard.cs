using System.Collections.Immutable;
using Cadence.CustomRules;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Blocks;

/// <summary>
/// A guard: a static block on a candidate step on one contact point (no contact point, opt-out, consent, workplace,
/// exhaustion of the point, a person- or account-level hold). Plain
/// code, written once: the NRules evaluator makes one rule of each guard, the direct evaluator loops over them.
/// </summary>
internal sealed class CandidateGuard
{
    private readonly Func<AccountFacts, CadenceStep, int, ContactPoint?, bool> blocks;
    private readonly Func<AccountFacts, Instant?>? until;

    private CandidateGuard(string name, ReasonCode reason, Func<AccountFacts, CadenceStep, int, ContactPoint?, bool> blocks, Func<AccountFacts, Instant?>? until = null, int holdRule = -1)
    {
        Name = name;
        HoldRule = holdRule;
        Reason = reason;
        this.blocks = blocks;
        this.until = until;
    }

    public string Name { get; }

    public ReasonCode Reason { get; }

    /// <summary>The hold rule this guard applies, by index; -1 for the other guards.</summary>
    public int HoldRule { get; }

    /// <summary>The guards of a policy, in the order they are checked.</summary>
    public static ImmutableArray<CandidateGuard> For(CompiledPolicy compiled)
    {
        var policy = compiled.Policy;
        var guards = ImmutableArray.CreateBuilder<CandidateGuard>();
        // A contact candidate is paired with each of the person's points of its channel; without one, it has none.
        guards.Add(new(RuleNames.NoContactPoint, ReasonCode.NoContactPoint, static (f, s, _, p) => s.Channel is { } c && p is null && f.ContactPointFor(c) is null));
        guards.Add(new(RuleNames.OptedOut, ReasonCode.OptedOut, static (_, _, _, p) => p is { OptedOut: true }));
        foreach (var channel in policy.ConsentRequired)
        {
            guards.Add(new(RuleNames.Consent(channel), ReasonCode.ConsentMissing, (_, s, _, p) => s.Channel == channel && p is { ConsentGiven: false }));
        }

        foreach (var channel in policy.WorkplaceRestricted)
        {
            guards.Add(new(RuleNames.Workplace(channel), ReasonCode.WorkplaceRestricted, (_, s, _, p) => s.Channel == channel && p is { IsWorkplace: true }));
        }

        for (var e = 0; e < policy.ExhaustionRules.Length; e++)
        {
            var rule = policy.ExhaustionRules[e];
            guards.Add(new(compiled.Names.Exhaustion[e], ReasonCode.ChannelExhausted, (f, _, _, p) => p is not null && CompiledPolicy.AppliesTo(rule.Source, f.Person) && f.Person.IsExhausted(rule, p)));
        }

        for (var r = 0; r < policy.HoldRules.Length; r++)
        {
            var index = r;
            guards.Add(new(
                compiled.Names.HoldRules[r],
                ReasonCode.HoldActive,
                (f, st, s, _) => compiled.HoldBlocks(index, s, st.Channel) && HoldBlocking.IsInEffect(compiled, f, index, f.Now),
                f => HoldBlocking.Lapse(compiled, f, index),
                index));
        }

        return guards.ToImmutable();
    }

    public bool Blocks(AccountFacts facts, CadenceStep step, int stepIndex, ContactPoint? point) => blocks(facts, step, stepIndex, point);

    /// <summary>Until when the block holds, when known (a hold's lapse).</summary>
    public Instant? Until(AccountFacts facts) => until?.Invoke(facts);
}
