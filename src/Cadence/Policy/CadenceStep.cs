using Cadence.Internal;
using System.Collections.Immutable;
using NodaTime;

namespace Cadence;

/// <summary>
/// One step of a cadence: a contact on a channel with a template, or an escalation, due whenever the day relative
/// to the due date lies in <c>[FromDay, ToDay]</c> (<see cref="ToDay"/> may be open) and the step has not been served
/// <see cref="MaxAttempts"/> times. A step whose day was missed is still due while its window lasts.
/// </summary>
/// <remarks>Immutable and thread-safe. Make one with <see cref="Contact"/> or <see cref="Escalation"/> and refine it with <c>with</c>.</remarks>
public sealed record CadenceStep
{
    private CadenceStep(string id, Channel? channel, string? escalationKind, string template, int fromDay, int? toDay)
    {
        Id = id;
        Channel = channel;
        EscalationKind = escalationKind;
        Template = template;
        FromDay = fromDay;
        ToDay = toDay;
    }

    /// <summary>The step's identifier, unique in its policy; history attempts name it in <see cref="ContactAttempt.StepId"/>.</summary>
    public string Id { get; init; }

    /// <summary>The channel of a contact step; <see langword="null"/> for an escalation.</summary>
    public Channel? Channel { get; init; }

    /// <summary>The kind of an escalation step (agency placement, bureau notice…); <see langword="null"/> for a contact.</summary>
    public string? EscalationKind { get; init; }

    /// <summary>The message or template identifier.</summary>
    public string Template { get; init; }

    /// <summary>First day of the step's window, relative to the due date (negative: before it).</summary>
    public int FromDay { get; init; }

    /// <summary>
    /// Last day of the step's window, relative to the due date, inclusive; <see langword="null"/> when the window is
    /// open-ended (the step stays due for as long as something is owed).
    /// </summary>
    public int? ToDay { get; init; }

    /// <summary>
    /// Minimum time between two attempts of this step, as a duration (<c>24:00:00</c> means 24 hours after the last
    /// one); <see langword="null"/> when the step does not repeat by duration.
    /// </summary>
    public Duration? RepeatInterval { get; init; }

    /// <summary>
    /// The step repeats once per this many local calendar days: after an attempt on local day <c>d</c>, the next one
    /// is allowed from the start of local day <c>d + N</c> in the borrower's first zone (1: "daily" means once per
    /// calendar day, not every 24 hours). <see langword="null"/> when the step does not repeat by calendar days.
    /// </summary>
    public int? RepeatCalendarDays { get; init; }

    /// <summary>Whether the step repeats, by a duration or by calendar days.</summary>
    public bool Repeats => RepeatInterval is not null || RepeatCalendarDays is not null;

    /// <summary>
    /// How many attempts serve the step; <see langword="null"/> means 1 for a single-shot step and no limit within the
    /// window for a repeating one (<see cref="Repeats"/>).
    /// </summary>
    public int? MaxAttempts { get; init; }

    /// <summary>The step's priority: among due steps, the higher value is chosen first.</summary>
    public int Priority { get; init; }

    /// <summary>Conditions that must all hold for the step to be due.</summary>
    public ImmutableArray<StepCondition> Conditions { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>
    /// Whether one contact of this step may serve several of a person's accounts: when the step is due on several
    /// accounts, the contact is about every account whose same step is placed on the chosen contact point no later
    /// than the chosen instant and whose per-account caps and cooldowns hold then; the others are left out, not waited
    /// for. Off by default: a contact is about one account.
    /// </summary>
    public bool Bundle { get; init; }

    /// <summary>Whether the step is an escalation rather than a contact.</summary>
    public bool IsEscalation => Channel is null;

    /// <summary>The effective maximum number of attempts.</summary>
    public int EffectiveMaxAttempts => MaxAttempts ?? (Repeats ? int.MaxValue : 1);

    /// <summary>A contact step.</summary>
    /// <param name="id">The step's identifier.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="template">The message or template identifier.</param>
    /// <param name="fromDay">First day relative to the due date.</param>
    /// <param name="toDay">Last day relative to the due date, inclusive; <see langword="null"/> for an open-ended window.</param>
    /// <returns>The step.</returns>
    public static CadenceStep Contact(string id, Channel channel, string template, int fromDay, int? toDay)
        => new(id, channel, null, template, fromDay, toDay);

    /// <summary>An escalation step (not a contact).</summary>
    /// <param name="id">The step's identifier.</param>
    /// <param name="kind">The escalation kind, e.g. <c>agency-placement</c>.</param>
    /// <param name="fromDay">First day relative to the due date.</param>
    /// <param name="toDay">Last day relative to the due date, inclusive; <see langword="null"/> for an open-ended window.</param>
    /// <returns>The step.</returns>
    public static CadenceStep Escalation(string id, string kind, int fromDay, int? toDay)
        => new(id, null, kind, kind, fromDay, toDay);

    /// <summary>Whether <paramref name="other"/> has the same values, conditions compared element by element.</summary>
    /// <param name="other">Another step.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(CadenceStep? other)
        => other is not null && Id == other.Id && Channel == other.Channel && EscalationKind == other.EscalationKind
           && Template == other.Template && FromDay == other.FromDay && ToDay == other.ToDay && RepeatInterval == other.RepeatInterval
           && RepeatCalendarDays == other.RepeatCalendarDays
           && MaxAttempts == other.MaxAttempts && Priority == other.Priority && Bundle == other.Bundle && Sequence.Equal(Conditions, other.Conditions);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(Id, Channel, EscalationKind, Template, FromDay, ToDay, HashCode.Combine(RepeatInterval, RepeatCalendarDays, MaxAttempts, Priority, Bundle), Sequence.Hash(Conditions));
}
