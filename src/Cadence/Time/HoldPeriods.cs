using NodaTime;

namespace Cadence.Time;

/// <summary>When holds are in effect under a policy's hold rules (a promise to pay lapses after its grace). Shared by every evaluator.</summary>
internal static class HoldPeriods
{
    /// <summary>When <paramref name="hold"/> stops blocking under <paramref name="rule"/>; <see langword="null"/> when it never does by itself.</summary>
    public static Instant? EffectiveUntil(AccountFacts facts, HoldRule rule, Hold hold)
    {
        var until = hold.Until;
        if (rule.GraceDaysAfterPromisedDate is { } grace && hold.PromisedDate is { } promised)
        {
            var lapse = LocalTimeResolution.StartOfDay(facts.PrimaryZone, promised.PlusDays(grace + 1));
            until = until is { } u && u < lapse ? u : lapse;
        }

        return until;
    }

    /// <summary>Whether a hold of the rule's kind is in effect at <paramref name="at"/>.</summary>
    public static bool IsInEffect(AccountFacts facts, HoldRule rule, Instant at)
    {
        foreach (var hold in facts.State.Holds)
        {
            if (hold.Kind == rule.Kind && hold.From <= at && (EffectiveUntil(facts, rule, hold) is not { } until || at < until))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When every hold of the rule's kind in effect now has lapsed; <see langword="null"/> when one never does.</summary>
    public static Instant? Lapse(AccountFacts facts, HoldRule rule)
    {
        Instant? latest = null;
        foreach (var hold in facts.State.Holds)
        {
            if (hold.Kind != rule.Kind || hold.From > facts.Now)
            {
                continue;
            }

            var until = EffectiveUntil(facts, rule, hold);
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
