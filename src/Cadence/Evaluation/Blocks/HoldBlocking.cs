using Cadence.CustomRules;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Blocks;

/// <summary>
/// The one mechanism for "does this hold block this step, and until when": which hold rule blocks which step (a table
/// made once per policy), when a hold is in effect under its rule (a promise to pay always lapses at the end of its
/// promised local day plus the rule's grace days), and when every such hold lapses. Shared by the guards, the temporal
/// solver and the choice of a wait or a suppression.
/// </summary>
internal static class HoldBlocking
{
    /// <summary>
    /// When <paramref name="hold"/> stops blocking under <paramref name="rule"/>; <see langword="null"/> when it never
    /// does by itself. A promise to pay with a promised date always lapses at the end of that local day plus the rule's
    /// grace days (0 when it gives none); a hold of another kind lapses by its promised date only when the rule gives
    /// grace days.
    /// </summary>
    public static Instant? EffectiveUntil(AccountFacts facts, HoldRule rule, Hold hold)
    {
        var until = hold.Until;
        if (hold.PromisedDate is { } promised && (hold.Kind == HoldKind.PromiseToPay || rule.GraceDaysAfterPromisedDate is not null))
        {
            var lapse = LocalTimeResolution.StartOfDay(facts.PrimaryZone, promised.PlusDays((rule.GraceDaysAfterPromisedDate ?? 0) + 1));
            until = until is { } u && u < lapse ? u : lapse;
        }

        return until;
    }

    /// <summary>Whether a hold of hold rule <paramref name="rule"/>'s kind is in effect at <paramref name="at"/>.</summary>
    public static bool IsInEffect(CompiledPolicy compiled, AccountFacts facts, int rule, Instant at)
    {
        var r = compiled.HoldRules[rule];
        if (!CompiledPolicy.AppliesTo(r.Source, facts.Person))
        {
            return false;
        }

        foreach (var hold in facts.AllHolds)
        {
            if (hold.Kind == r.Kind && hold.From <= at && (EffectiveUntil(facts, r, hold) is not { } until || at < until))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some hold rule blocks step <paramref name="step"/> now.</summary>
    public static bool BlocksNow(CompiledPolicy compiled, AccountFacts facts, int step)
    {
        for (var r = 0; r < compiled.HoldRules.Length; r++)
        {
            if (compiled.HoldBlocks(r, step) && IsInEffect(compiled, facts, r, facts.Now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When every hold of hold rule <paramref name="rule"/>'s kind in effect now has lapsed; <see langword="null"/> when one never does.</summary>
    public static Instant? Lapse(CompiledPolicy compiled, AccountFacts facts, int rule)
    {
        var r = compiled.HoldRules[rule];
        Instant? latest = null;
        foreach (var hold in facts.AllHolds)
        {
            if (hold.Kind != r.Kind || hold.From > facts.Now)
            {
                continue;
            }

            var until = EffectiveUntil(facts, r, hold);
            if (until is null)
            {
                return null;
            }

            if (facts.Now < until)
            {
                latest = latest is { } l && l > until ? l : until;
            }
        }

        return latest;
    }
}
