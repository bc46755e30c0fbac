using Cadence.CustomRules;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation.Candidates;

/// <summary>
/// When a step is due, opens, closes and may repeat: written once, for every evaluator and every stage. Days are
/// local days of the borrower's first zone, counted from the due date.
/// </summary>
internal static class StepTiming
{
    /// <summary>Whether <paramref name="day"/> (from the due date) lies in the step's window.</summary>
    public static bool InWindow(CadenceStep step, int day) => day >= step.FromDay && (step.ToDay is not { } to || day <= to);

    /// <summary>Whether the step's window is over on <paramref name="day"/> (never for an open-ended window).</summary>
    public static bool HasEnded(CadenceStep step, int day) => step.ToDay is { } to && day > to;

    /// <summary>
    /// Whether <paramref name="step"/> is due: something is owed, today's day from the due date lies in its window, it
    /// has been served fewer than its maximum attempts in this cycle, and all its conditions hold. Never an exact-date
    /// match: a step whose day was missed is still due while its window lasts.
    /// </summary>
    public static bool IsDue(AccountFacts facts, CadenceStep step, int stepIndex)
    {
        if (facts.DayFromDue is not { } day || !InWindow(step, day) || facts.StepAttempts[stepIndex] >= step.EffectiveMaxAttempts)
        {
            return false;
        }

        foreach (var condition in step.Conditions)
        {
            if (!condition.IsSatisfiedBy(facts))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first instant of the step's window (the start of its first local day).</summary>
    public static Instant Opens(AccountFacts facts, CadenceStep step)
        => LocalTimeResolution.StartOfDay(facts.PrimaryZone, facts.DueDate!.Value.PlusDays(step.FromDay));

    /// <summary>The instant the step's window ends (the start of the local day after its last); <see langword="null"/> when open-ended or nothing is owed.</summary>
    public static Instant? Closes(AccountFacts facts, CadenceStep step)
        => facts.DayFromDue is not null && step.ToDay is { } to
            ? LocalTimeResolution.StartOfDay(facts.PrimaryZone, facts.DueDate!.Value.PlusDays(to + 1))
            : null;

    /// <summary>
    /// The earliest instant the step may be served again after its last attempt: the last attempt plus its repeat
    /// interval, or the start of the local day N days after the last attempt's day; <see langword="null"/> when it was
    /// never served or does not repeat.
    /// </summary>
    public static Instant? NextRepeat(AccountFacts facts, CadenceStep step, int stepIndex)
    {
        if (facts.StepLastAttempt[stepIndex] is not { } last)
        {
            return null;
        }

        if (step.RepeatInterval is { } interval)
        {
            return last + interval;
        }

        return step.RepeatCalendarDays is { } days
            ? LocalTimeResolution.StartOfDay(facts.PrimaryZone, LocalTimeResolution.DateOf(facts.PrimaryZone, last).PlusDays(days))
            : null;
    }
}
