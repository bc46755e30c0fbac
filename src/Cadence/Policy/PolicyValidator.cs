using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence;

/// <summary>
/// Checks a policy being built and reports every problem at once, each located by section, item and member. Run once,
/// by <see cref="CadencePolicyBuilder.Build"/>.
/// </summary>
internal static class PolicyValidator
{
    /// <summary>The longest grace after a promised date: a year.</summary>
    private const int MaxGraceDays = 365;

    /// <summary>
    /// The largest number of days any figure of a policy may span (step days, sliding and calendar-day periods,
    /// repeats, cooldowns, rolling periods, the horizon): 100 years, far beyond any cadence, so that no figure can
    /// overflow the time arithmetic when an account is evaluated (that would be the policy's fault, not the account's).
    /// </summary>
    private const int MaxDays = 36_500;

    private static readonly Duration MaxDuration = Duration.FromDays(MaxDays);

    private const string MatchedAlready = "unknown is not listed: every list of outcomes matches an attempt whose outcome is unknown";

    private static readonly DayKinds[] WeekDays = [DayKinds.Weekday, DayKinds.Saturday, DayKinds.Sunday];

    public static List<PolicyError> Validate(CadencePolicyBuilder b, IReadOnlyList<CadenceStep> steps)
    {
        var errors = new List<PolicyError>();
        if (string.IsNullOrWhiteSpace(b.PolicyName))
        {
            errors.Add(PolicyError.InSection("name", "the policy has no name"));
        }

        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            ValidateStep(steps[i], i, stepIds, errors);
        }

        for (var i = 0; i < b.WindowList.Count; i++)
        {
            var w = b.WindowList[i];
            RequireName("windows", i, w.Name, errors);
            ValidateSource(w.Source, m => errors.Add(PolicyError.InItem("windows", i, w.Name, m, "the rule's source needs a pack id and non-empty regions")));
            if (w.Days == DayKinds.None || (w.Days & ~DayKinds.All) != 0)
            {
                errors.Add(PolicyError.InItem("windows", i, w.Name, "days", "the window applies to no valid kind of day"));
            }

            for (var r = 0; r < w.Ranges.Length; r++)
            {
                if (!w.Ranges[r].IsValid)
                {
                    errors.Add(PolicyError.InItem("windows", i, w.Name, Inv($"ranges[{r}]"), Inv($"range {w.Ranges[r]} ends before it starts (use 24:00 for the end of the day)")));
                }
            }
        }

        for (var i = 0; i < b.CapList.Count; i++)
        {
            ValidateCap(b.CapList[i], i, errors);
        }

        for (var i = 0; i < b.CooldownList.Count; i++)
        {
            var c = b.CooldownList[i];
            RequireName("cooldowns", i, c.Name, errors);
            if (c.Trigger is null || (c.Trigger.Directions & DirectionFilter.Any) == 0)
            {
                errors.Add(PolicyError.InItem("cooldowns", i, c.Name, "trigger", "the cooldown has no trigger"));
            }
            else
            {
                NoUnknownOutcome(c.Trigger.Outcomes, "trigger.outcomes", MatchedAlready, m => errors.Add(PolicyError.InItem("cooldowns", i, c.Name, m.Member, m.Message)));
            }

            if (c.Length is null || (c.Length.IsCalendarDays ? c.Length.Days < 1 : c.Length.Duration <= Duration.Zero))
            {
                errors.Add(PolicyError.InItem("cooldowns", i, c.Name, "length", "the cooldown's length must be positive"));
            }
            else if (c.Length.IsCalendarDays ? c.Length.Days > MaxDays : c.Length.Duration > MaxDuration)
            {
                errors.Add(PolicyError.InItem("cooldowns", i, c.Name, "length", Inv($"the cooldown's length ({c.Length}) must be at most {MaxDays} days")));
            }

            if (!Enum.IsDefined(c.Scope))
            {
                errors.Add(PolicyError.InItem("cooldowns", i, c.Name, "scope", Inv($"{(int)c.Scope} is not a scope (person, account or contactPoint)")));
            }

            ValidateSource(c.Source, m => errors.Add(PolicyError.InItem("cooldowns", i, c.Name, m, "the rule's source needs a pack id and non-empty regions")));
        }

        for (var i = 0; i < b.ExhaustionList.Count; i++)
        {
            var e = b.ExhaustionList[i];
            RequireName("exhaustion", i, e.Name, errors);
            ValidateSource(e.Source, m => errors.Add(PolicyError.InItem("exhaustion", i, e.Name, m, "the rule's source needs a pack id and non-empty regions")));
            if (e.ConsecutiveFailures < 1)
            {
                errors.Add(PolicyError.InItem("exhaustion", i, e.Name, "consecutiveFailures", Inv($"consecutiveFailures ({e.ConsecutiveFailures}) must be at least 1")));
            }

            if (e.FailureOutcomes.IsDefaultOrEmpty)
            {
                errors.Add(PolicyError.InItem("exhaustion", i, e.Name, "failureOutcomes", "no outcome counts as a failure"));
            }

            NoUnknownOutcome(e.FailureOutcomes, "failureOutcomes", "unknown is not listed: an attempt whose outcome is unknown always counts as a failure", m => errors.Add(PolicyError.InItem("exhaustion", i, e.Name, m.Member, m.Message)));
        }

        for (var i = 0; i < b.HoldRuleList.Count; i++)
        {
            var h = b.HoldRuleList[i];
            ValidateHoldRule(h, i, steps.Count > 0 ? stepIds : null, errors);
            ValidateSource(h.Source, m => errors.Add(PolicyError.InItem("holds", i, h.Name, m, "the rule's source needs a pack id and non-empty regions")));
        }

        if (b.DefaultZoneId is { } zoneId && b.Provider.GetZoneOrNull(zoneId) is null)
        {
            errors.Add(PolicyError.InSection("defaultZone", $"'{zoneId}' is not a time zone id known to {b.Provider.VersionId}"));
        }

        if (b.HolidayRegions.Count > 0 && b.Calendar is HolidayCalendar { IsEmpty: true })
        {
            errors.Add(PolicyError.InSection("holidays", $"the policy needs the public holidays of {string.Join(", ", b.HolidayRegions)} (holidays have their own contact hours) but no holiday calendar was supplied"));
        }

        if (b.HorizonLength <= Duration.Zero)
        {
            errors.Add(PolicyError.InSection("horizon", Inv($"the horizon ({b.HorizonLength}) must be positive")));
        }
        else if (b.HorizonLength > MaxDuration)
        {
            errors.Add(PolicyError.InSection("horizon", Inv($"the horizon ({b.HorizonLength}) must be at most {MaxDays} days")));
        }

        for (var k = 0; k < b.PointPreference.Length; k++)
        {
            if (!Enum.IsDefined(b.PointPreference[k]))
            {
                errors.Add(PolicyError.AtPath(Inv($"contactPointPreference[{k}]"), Inv($"{(int)b.PointPreference[k]} is not a kind of contact point")));
            }
        }

        UniqueNames("windows", b.WindowList.Select(w => w.Name), errors);
        UniqueNames("caps", b.CapList.Select(c => c.Name), errors);
        UniqueNames("cooldowns", b.CooldownList.Select(c => c.Name), errors);
        UniqueNames("exhaustion", b.ExhaustionList.Select(e => e.Name), errors);
        UniqueNames("holds", b.HoldRuleList.Select(h => h.Name), errors);
        ValidateCoverage(b, steps, errors);
        return errors;
    }

    private static void ValidateStep(CadenceStep s, int i, HashSet<string> stepIds, List<PolicyError> errors)
    {
        var name = string.IsNullOrWhiteSpace(s.Id) ? null : s.Id;
        void Error(string? member, string message) => errors.Add(PolicyError.InItem("steps", i, name, member, message));

        if (name is null)
        {
            errors.Add(PolicyError.InItem("steps", i, null, "id", "the step has no id"));
        }
        else if (!stepIds.Add(s.Id))
        {
            errors.Add(PolicyError.InItem("steps", i, null, "id", $"step id '{s.Id}' is used by an earlier step"));
        }

        if (s.ToDay is { } to && s.FromDay > to)
        {
            Error("window", Inv($"window.from ({s.FromDay}) is after window.to ({to})"));
        }

        if (Math.Abs((long)s.FromDay) > MaxDays || (s.ToDay is { } last && Math.Abs((long)last) > MaxDays))
        {
            Error("window", Inv($"the step's days must lie within {MaxDays} days of the due date"));
        }

        if (s.Channel is Channel.None)
        {
            Error("channel", "a contact step needs a channel other than None");
        }
        else if (s.Channel is { } c && !Enum.IsDefined(c))
        {
            Error("channel", Inv($"channel {(int)c} is not a known channel"));
        }

        if (s.Channel is null && string.IsNullOrWhiteSpace(s.EscalationKind))
        {
            Error("escalation", "an escalation step needs an escalation kind");
        }

        if (s.Channel is not null && s.EscalationKind is not null)
        {
            Error(null, "a step is either a contact (channel) or an escalation, not both");
        }

        if (string.IsNullOrWhiteSpace(s.Template))
        {
            Error("template", "the step has no template");
        }

        if (s.MaxAttempts is < 1)
        {
            Error("maxAttempts", Inv($"maxAttempts ({s.MaxAttempts}) must be at least 1"));
        }

        if (s.RepeatInterval is { } r && r <= Duration.Zero)
        {
            Error("repeatInterval", Inv($"repeatInterval ({r}) must be positive"));
        }
        else if (s.RepeatInterval is { } longRepeat && longRepeat > MaxDuration)
        {
            Error("repeatInterval", Inv($"repeatInterval ({longRepeat}) must be at most {MaxDays} days"));
        }

        if (s.RepeatCalendarDays is < 1)
        {
            Error("repeatInterval", Inv($"a repeat of {s.RepeatCalendarDays} calendar days must be at least 1 day"));
        }
        else if (s.RepeatCalendarDays is > MaxDays)
        {
            Error("repeatInterval", Inv($"a repeat of {s.RepeatCalendarDays} calendar days must be at most {MaxDays} days"));
        }

        if (s.RepeatInterval is not null && s.RepeatCalendarDays is not null)
        {
            Error("repeatInterval", "a step repeats either by a duration or by calendar days, not both");
        }

        if (s.MaxAttempts is > 1 && !s.Repeats)
        {
            Error("repeatInterval", "a step with more than one attempt needs a repeat interval");
        }
    }

    private static void ValidateCap(FrequencyCap c, int i, List<PolicyError> errors)
    {
        void Error(string member, string message) => errors.Add(PolicyError.InItem("caps", i, c.Name, member, message));

        RequireName("caps", i, c.Name, errors);
        if (c.Limit < 1)
        {
            Error("limit", Inv($"a cap of {c.Limit} would forbid every contact; remove the channel instead"));
        }

        if (c.Period is null)
        {
            Error("period", "the cap has no period");
        }
        else if (c.Period.Kind == CapPeriodKind.Rolling && c.Period.Length <= Duration.Zero)
        {
            Error("period", Inv($"a rolling period ({c.Period.Length}) must be positive"));
        }
        else if (c.Period.Kind == CapPeriodKind.SlidingDays && c.Period.Days < 1)
        {
            Error("period", Inv($"a sliding period of {c.Period.Days} days must be at least 1 day"));
        }
        else if ((c.Period.Kind == CapPeriodKind.SlidingDays && c.Period.Days > MaxDays) || (c.Period.Kind == CapPeriodKind.Rolling && c.Period.Length > MaxDuration))
        {
            Error("period", Inv($"the period ({c.Period}) must be at most {MaxDays} days"));
        }

        if (c.Counts is null)
        {
            Error("counts", "the cap counts nothing");
        }
        else
        {
            if ((c.Counts.Directions & DirectionFilter.Any) == 0)
            {
                Error("counts.directions", "the cap counts no direction");
            }

            NoUnknownOutcome(c.Counts.Outcomes, "counts.outcomes", MatchedAlready, m => Error(m.Member, m.Message));
        }

        if (!Enum.IsDefined(c.Scope))
        {
            Error("scope", Inv($"{(int)c.Scope} is not a scope (person, account or contactPoint)"));
        }

        for (var k = 0; k < c.ContactPointKinds.Length; k++)
        {
            if (!Enum.IsDefined(c.ContactPointKinds[k]))
            {
                Error(Inv($"contactPointKinds[{k}]"), Inv($"{(int)c.ContactPointKinds[k]} is not a kind of contact point"));
            }
        }

        ValidateSource(c.Source, m => Error(m, "the rule's source needs a pack id and non-empty regions"));
    }

    /// <summary>
    /// Reports <see cref="ContactOutcome.Unknown"/> in a list of outcomes: every list matches an attempt whose outcome is
    /// unknown already, so naming it would only suggest that a list without it does not.
    /// </summary>
    private static void NoUnknownOutcome(ImmutableArray<ContactOutcome> outcomes, string member, string message, Action<(string Member, string Message)> error)
    {
        for (var k = 0; !outcomes.IsDefault && k < outcomes.Length; k++)
        {
            if (outcomes[k] == ContactOutcome.Unknown)
            {
                error((Inv($"{member}[{k}]"), message));
            }
        }
    }

    private static void ValidateSource(RuleSource? source, Action<string> error)
    {
        if (source is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(source.PackId))
        {
            error("source.pack");
        }

        for (var r = 0; r < source.Regions.Length; r++)
        {
            if (string.IsNullOrWhiteSpace(source.Regions[r]))
            {
                error(Inv($"source.regions[{r}]"));
            }
        }
    }

    private static void ValidateHoldRule(HoldRule h, int i, HashSet<string>? stepIds, List<PolicyError> errors)
    {
        RequireName("holds", i, h.Name, errors);
        if (string.IsNullOrWhiteSpace(h.Kind.Name))
        {
            errors.Add(PolicyError.InItem("holds", i, h.Name, "kind", "the hold rule names no hold kind"));
        }

        if (!h.BlocksAllSteps && h.BlockedChannels.IsEmpty && h.BlockedSteps.IsEmpty)
        {
            errors.Add(PolicyError.InItem("holds", i, h.Name, null, "the hold rule blocks nothing"));
        }

        if (h.GraceDaysAfterPromisedDate is < 0 or > MaxGraceDays)
        {
            errors.Add(PolicyError.InItem("holds", i, h.Name, "graceDays", Inv($"the grace after the promised date ({h.GraceDaysAfterPromisedDate} days) must be 0 to {MaxGraceDays} days")));
        }

        if (stepIds is not null)
        {
            Unknown("exceptSteps", h.ExceptSteps);
            Unknown("blockedSteps", h.BlockedSteps);
        }

        void Unknown(string member, IEnumerable<string> ids)
        {
            foreach (var id in ids.Where(id => !stepIds.Contains(id)))
            {
                errors.Add(PolicyError.InItem("holds", i, h.Name, member, $"names step '{id}', which the policy does not have"));
            }
        }
    }

    /// <summary>Every channel a step uses must be open some time, and say something about every kind of day.</summary>
    private static void ValidateCoverage(CadencePolicyBuilder b, IReadOnlyList<CadenceStep> steps, List<PolicyError> errors)
    {
        var table = ContactWindowTable.Build(b.WindowList, b.Calendar);
        var channels = steps.Select(s => s.Channel).OfType<Channel>().Where(c => c != Channel.None && Enum.IsDefined(c)).Distinct().Order();
        foreach (var channel in channels)
        {
            if (!table.IsEverOpen((int)channel))
            {
                errors.Add(PolicyError.InSection("windows", $"the windows are never open for channel {channel}: every step on it would be dropped"));
            }

            var uncovered = WeekDays.Where(d => table.NamesFor((int)channel, (int)d).Count == 0).ToList();
            if (uncovered.Count is > 0 and < 3)
            {
                errors.Add(PolicyError.InSection("windows", $"the windows for channel {channel} say nothing about {string.Join(", ", uncovered)}: add a window for those days (one with no ranges closes them)"));
            }
        }
    }

    private static void UniqueNames(string section, IEnumerable<string> names, List<PolicyError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            if (!string.IsNullOrWhiteSpace(name) && !seen.Add(name))
            {
                errors.Add(PolicyError.InItem(section, i, name, "name", $"the name '{name}' is used by an earlier rule in {section}"));
            }

            i++;
        }
    }

    private static void RequireName(string section, int index, string name, List<PolicyError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(PolicyError.InItem(section, index, null, "name", "the rule has no name"));
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
