using System.Globalization;
using Cadence.Internal;
using Cadence.Time;
using NodaTime;
using NRules.Fluent.Dsl;

namespace Cadence;

/// <summary>
/// Builds a <see cref="CadencePolicy"/>. <see cref="Build"/> validates everything and reports every problem at once;
/// a builder builds once.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class CadencePolicyBuilder
{
    private readonly List<CadenceStep> steps = [];
    private bool built;

    internal CadencePolicyBuilder(string name) => PolicyName = name ?? string.Empty;

    internal string PolicyName { get; }

    internal List<ContactWindow> WindowList { get; } = [];

    internal List<FrequencyCap> CapList { get; } = [];

    internal List<Cooldown> CooldownList { get; } = [];

    internal List<ExhaustionRule> ExhaustionList { get; } = [];

    internal List<HoldRule> HoldRuleList { get; } = [];

    internal HashSet<Channel> ConsentSet { get; } = [];

    internal HashSet<Channel> WorkplaceSet { get; } = [];

    internal List<Rule> CustomRuleList { get; } = [];

    internal IDateTimeZoneProvider Provider { get; private set; } = DateTimeZoneProviders.Tzdb;

    internal string? DefaultZoneId { get; private set; }

    internal Duration HorizonLength { get; private set; } = Duration.FromDays(35);

    internal SelectionOrder Order { get; private set; }

    internal IHolidayCalendar Calendar { get; private set; } = HolidayCalendar.Empty;

    internal SortedSet<string> HolidayRegions { get; } = new(StringComparer.Ordinal);

    internal bool LimitedVoicemail { get; private set; }

    /// <summary>Adds a step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddStep(CadenceStep step) => Add(steps, step);

    /// <summary>Adds a contact window; windows intersect.</summary>
    /// <param name="name">The window's name.</param>
    /// <param name="days">The kinds of day it applies to.</param>
    /// <param name="ranges">The allowed local time ranges; none closes those days.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddWindow(string name, DayKinds days, params TimeRange[] ranges)
        => AddWindow(new ContactWindow(name, days, [.. Guard.NotNull(ranges)], []));

    /// <summary>Adds a contact window for some channels only.</summary>
    /// <param name="name">The window's name.</param>
    /// <param name="channels">The channels it applies to.</param>
    /// <param name="days">The kinds of day it applies to.</param>
    /// <param name="ranges">The allowed local time ranges; none closes those days.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddWindow(string name, IEnumerable<Channel> channels, DayKinds days, params TimeRange[] ranges)
        => AddWindow(new ContactWindow(name, days, [.. Guard.NotNull(ranges)], [.. Guard.NotNull(channels)]));

    /// <summary>Adds a contact window.</summary>
    /// <param name="window">The window.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddWindow(ContactWindow window) => Add(WindowList, window);

    /// <summary>Adds a frequency cap.</summary>
    /// <param name="name">The cap's name.</param>
    /// <param name="limit">The maximum number of counted attempts.</param>
    /// <param name="period">The window attempts are counted in.</param>
    /// <param name="counts">Which attempts count.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddCap(string name, int limit, CapPeriod period, AttemptFilter counts)
        => AddCap(new FrequencyCap(name, limit, period, counts));

    /// <summary>Adds a frequency cap.</summary>
    /// <param name="cap">The cap.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddCap(FrequencyCap cap) => Add(CapList, cap);

    /// <summary>Adds a cooldown.</summary>
    /// <param name="name">The cooldown's name.</param>
    /// <param name="trigger">The attempts that start it.</param>
    /// <param name="length">How long it lasts.</param>
    /// <param name="blocks">The channels it closes; none for all.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddCooldown(string name, AttemptFilter trigger, CooldownLength length, params Channel[] blocks)
        => AddCooldown(new Cooldown(name, trigger, [.. Guard.NotNull(blocks)], length));

    /// <summary>Adds a cooldown.</summary>
    /// <param name="cooldown">The cooldown.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddCooldown(Cooldown cooldown) => Add(CooldownList, cooldown);

    /// <summary>Adds a minimum gap between any two outbound contacts on <paramref name="channels"/> (all when none given).</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="gap">The minimum gap.</param>
    /// <param name="channels">The channels.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddMinimumGap(string name, Duration gap, params Channel[] channels)
        => AddCooldown(new Cooldown(name, AttemptFilter.Outbound(channels), [.. channels], CooldownLength.Of(gap)));

    /// <summary>Closes a channel after <paramref name="consecutiveFailures"/> consecutive failures on its contact point.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="consecutiveFailures">How many consecutive failures exhaust a contact point.</param>
    /// <param name="channels">The channels; none for all.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddExhaustion(string name, int consecutiveFailures, params Channel[] channels)
        => AddExhaustion(new ExhaustionRule(name, consecutiveFailures, [.. Guard.NotNull(channels)], ExhaustionRule.DefaultFailureOutcomes));

    /// <summary>Adds an exhaustion rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddExhaustion(ExhaustionRule rule) => Add(ExhaustionList, rule);

    /// <summary>Says what a kind of hold blocks.</summary>
    /// <param name="rule">The mapping.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddHoldRule(HoldRule rule) => Add(HoldRuleList, rule);

    /// <summary>Requires the borrower's consent on the contact point of each of <paramref name="channels"/>.</summary>
    /// <param name="channels">The channels.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder RequireConsent(params Channel[] channels)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        ConsentSet.UnionWith(Guard.NotNull(channels));
        return this;
    }

    /// <summary>Never uses a workplace contact point on <paramref name="channels"/>.</summary>
    /// <param name="channels">The channels.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder RestrictWorkplace(params Channel[] channels)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        WorkplaceSet.UnionWith(Guard.NotNull(channels));
        return this;
    }

    /// <summary>Sets the zone used for borrowers who have none.</summary>
    /// <param name="zoneId">An IANA zone id of the policy's zone provider.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder WithDefaultZone(string zoneId)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        DefaultZoneId = Guard.NotNull(zoneId);
        return this;
    }

    /// <summary>Sets the zone provider (IANA TZDB by default).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder UseZoneProvider(IDateTimeZoneProvider provider)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        Provider = Guard.NotNull(provider);
        return this;
    }

    /// <summary>Sets how far ahead a not-before instant may be looked for (35 days by default).</summary>
    /// <param name="horizon">The horizon.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder WithHorizon(Duration horizon)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        HorizonLength = horizon;
        return this;
    }

    /// <summary>Sets how the engine chooses among allowed contacts.</summary>
    /// <param name="order">The order.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder WithSelectionOrder(SelectionOrder order)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        Order = order;
        return this;
    }

    /// <summary>Adds holidays: a list of dates (<see cref="HolidayCalendar"/>) or the host's own calendar; calendars are united.</summary>
    /// <param name="calendar">The calendar; it must be immutable and thread-safe.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder WithHolidays(IHolidayCalendar calendar)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        Calendar = HolidayCalendar.Combine(Calendar, Guard.NotNull(calendar));
        return this;
    }

    /// <summary>
    /// Says that the policy's windows depend on public holidays of <paramref name="region"/> (e.g. <c>RU</c>): building
    /// fails unless a holiday calendar is supplied with <see cref="WithHolidays"/>, so that a holiday is never treated
    /// as a working day by omission.
    /// </summary>
    /// <param name="region">The region whose holidays are needed, as named in errors and documentation.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder RequireHolidays(string region)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        HolidayRegions.Add(Guard.NotNullOrWhiteSpace(region));
        return this;
    }

    /// <summary>
    /// Marks every call decision with <see cref="Decision.LimitedContentVoicemail"/>: a voicemail left on the call may
    /// carry no debt details (Regulation F's limited-content message).
    /// </summary>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder UseLimitedContentVoicemail()
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        LimitedVoicemail = true;
        return this;
    }

    /// <summary>
    /// Adds a lender-written NRules rule. It matches the same facts as the policy's own rules
    /// (<see cref="AccountFacts"/>, <see cref="Candidate"/>, <see cref="CandidateBlock"/>) and may insert candidates
    /// (<see cref="AccountFacts.Propose"/>) or blocks (<see cref="CandidateBlock"/>). A rule that throws makes its
    /// account's decision an error.
    /// </summary>
    /// <param name="rule">The rule instance.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder AddCustomRule(Rule rule) => Add(CustomRuleList, rule);

    /// <summary>Adds every rule of <paramref name="policy"/> to this one (see <see cref="CadencePolicy.Compose"/>).</summary>
    /// <param name="policy">The policy to include.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder Include(CadencePolicy policy)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        Guard.NotNull(policy);
        steps.AddRange(policy.Steps);
        WindowList.AddRange(policy.Windows);
        CapList.AddRange(policy.Caps);
        CooldownList.AddRange(policy.Cooldowns);
        ExhaustionList.AddRange(policy.ExhaustionRules);
        HoldRuleList.AddRange(policy.HoldRules);
        ConsentSet.UnionWith(policy.ConsentRequired);
        WorkplaceSet.UnionWith(policy.WorkplaceRestricted);
        CustomRuleList.AddRange(policy.CustomRules);
        Calendar = HolidayCalendar.Combine(Calendar, policy.Holidays);
        HolidayRegions.UnionWith(policy.RequiredHolidayRegions);
        LimitedVoicemail |= policy.LimitedContentVoicemail;
        return this;
    }

    /// <summary>Validates and builds the policy.</summary>
    /// <returns>The immutable policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; every one is listed.</exception>
    /// <exception cref="InvalidOperationException">The builder has already built.</exception>
    public CadencePolicy Build()
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        var errors = PolicyValidator.Validate(this, steps);
        if (errors.Count > 0)
        {
            throw new PolicyValidationException(string.IsNullOrWhiteSpace(PolicyName) ? "(unnamed)" : PolicyName, errors);
        }

        built = true;
        return new CadencePolicy(this, [.. steps]);
    }

    private CadencePolicyBuilder Add<T>(List<T> list, T item)
        where T : class
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        list.Add(Guard.NotNull(item));
        return this;
    }
}

internal static class PolicyValidator
{
    public static List<PolicyError> Validate(CadencePolicyBuilder b, IReadOnlyList<CadenceStep> steps)
    {
        var errors = new List<PolicyError>();
        void Error(string path, string message) => errors.Add(new PolicyError(path, message));
        static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        if (string.IsNullOrWhiteSpace(b.PolicyName))
        {
            Error("name", "the policy has no name");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var path = Inv($"steps[{i}]");
            if (string.IsNullOrWhiteSpace(s.Id))
            {
                Error(path + ".id", "the step has no id");
            }
            else if (!seen.Add(s.Id))
            {
                Error(path + ".id", $"step id '{s.Id}' is used by an earlier step");
            }

            path = string.IsNullOrWhiteSpace(s.Id) ? path : Inv($"steps[{i}] ('{s.Id}')");
            if (s.FromDay > s.ToDay)
            {
                Error(path + ".window", Inv($"window.from ({s.FromDay}) is after window.to ({s.ToDay})"));
            }

            if (s.Channel is Channel.None)
            {
                Error(path + ".channel", "a contact step needs a channel other than None");
            }
            else if (s.Channel is { } c && !Enum.IsDefined(c))
            {
                Error(path + ".channel", Inv($"channel {(int)c} is not a known channel"));
            }

            if (s.Channel is null && string.IsNullOrWhiteSpace(s.EscalationKind))
            {
                Error(path + ".escalation", "an escalation step needs an escalation kind");
            }

            if (s.Channel is not null && s.EscalationKind is not null)
            {
                Error(path, "a step is either a contact (channel) or an escalation, not both");
            }

            if (string.IsNullOrWhiteSpace(s.Template))
            {
                Error(path + ".template", "the step has no template");
            }

            if (s.MaxAttempts is < 1)
            {
                Error(path + ".maxAttempts", Inv($"maxAttempts ({s.MaxAttempts}) must be at least 1"));
            }

            if (s.RepeatInterval is { } r && r <= Duration.Zero)
            {
                Error(path + ".repeatInterval", Inv($"repeatInterval ({r}) must be positive"));
            }

            if (s.MaxAttempts is > 1 && s.RepeatInterval is null)
            {
                Error(path + ".repeatInterval", "a step with more than one attempt needs a repeat interval");
            }
        }

        for (var i = 0; i < b.WindowList.Count; i++)
        {
            var w = b.WindowList[i];
            var path = Inv($"windows[{i}] ('{w.Name}')");
            RequireName(w.Name, path);
            if (w.Days == DayKinds.None || (w.Days & ~DayKinds.All) != 0)
            {
                Error(path + ".days", "the window applies to no valid kind of day");
            }

            for (var r = 0; r < w.Ranges.Length; r++)
            {
                if (!w.Ranges[r].IsValid)
                {
                    Error(Inv($"{path}.ranges[{r}]"), Inv($"range {w.Ranges[r]} ends before it starts (use 24:00 for the end of the day)"));
                }
            }
        }

        for (var i = 0; i < b.CapList.Count; i++)
        {
            var c = b.CapList[i];
            var path = Inv($"caps[{i}] ('{c.Name}')");
            RequireName(c.Name, path);
            if (c.Limit < 1)
            {
                Error(path + ".limit", Inv($"a cap of {c.Limit} would forbid every contact; remove the channel instead"));
            }

            if (c.Period is null)
            {
                Error(path + ".period", "the cap has no period");
            }
            else if (c.Period.Kind == CapPeriodKind.Rolling && c.Period.Length <= Duration.Zero)
            {
                Error(path + ".period", Inv($"a rolling period ({c.Period.Length}) must be positive"));
            }
            else if (c.Period.Kind == CapPeriodKind.SlidingDays && c.Period.Days < 1)
            {
                Error(path + ".period", Inv($"a sliding period of {c.Period.Days} days must be at least 1 day"));
            }

            if (c.Counts is null)
            {
                Error(path + ".counts", "the cap counts nothing");
            }
            else if ((c.Counts.Directions & DirectionFilter.Any) == 0)
            {
                Error(path + ".counts.directions", "the cap counts no direction");
            }
        }

        for (var i = 0; i < b.CooldownList.Count; i++)
        {
            var c = b.CooldownList[i];
            var path = Inv($"cooldowns[{i}] ('{c.Name}')");
            RequireName(c.Name, path);
            if (c.Trigger is null || (c.Trigger.Directions & DirectionFilter.Any) == 0)
            {
                Error(path + ".trigger", "the cooldown has no trigger");
            }

            if (c.Length is null || (c.Length.IsCalendarDays ? c.Length.Days < 1 : c.Length.Duration <= Duration.Zero))
            {
                Error(path + ".length", "the cooldown's length must be positive");
            }
        }

        for (var i = 0; i < b.ExhaustionList.Count; i++)
        {
            var e = b.ExhaustionList[i];
            var path = Inv($"exhaustion[{i}] ('{e.Name}')");
            RequireName(e.Name, path);
            if (e.ConsecutiveFailures < 1)
            {
                Error(path + ".consecutiveFailures", Inv($"consecutiveFailures ({e.ConsecutiveFailures}) must be at least 1"));
            }

            if (e.FailureOutcomes.IsDefaultOrEmpty)
            {
                Error(path + ".failureOutcomes", "no outcome counts as a failure");
            }
        }

        for (var i = 0; i < b.HoldRuleList.Count; i++)
        {
            var h = b.HoldRuleList[i];
            var path = Inv($"holds[{i}] ('{h.Name}')");
            RequireName(h.Name, path);
            if (string.IsNullOrWhiteSpace(h.Kind.Name))
            {
                Error(path + ".kind", "the hold rule names no hold kind");
            }

            if (!h.BlocksAllSteps && h.BlockedChannels.IsEmpty && h.BlockedSteps.IsEmpty)
            {
                Error(path, "the hold rule blocks nothing");
            }

            if (h.GraceDaysAfterPromisedDate is < 0)
            {
                Error(path + ".graceDays", "the grace after the promised date cannot be negative");
            }

            if (steps.Count > 0)
            {
                foreach (var id in h.BlockedSteps.Concat(h.ExceptSteps).Where(id => !seen.Contains(id)))
                {
                    Error(path, $"names step '{id}', which the policy does not have");
                }
            }
        }

        if (b.DefaultZoneId is { } zoneId && b.Provider.GetZoneOrNull(zoneId) is null)
        {
            Error("defaultZone", $"'{zoneId}' is not a time zone id known to {b.Provider.VersionId}");
        }

        if (b.HolidayRegions.Count > 0 && b.Calendar is HolidayCalendar { IsEmpty: true })
        {
            Error("holidays", $"the policy needs the public holidays of {string.Join(", ", b.HolidayRegions)} (holidays have their own contact hours) but no holiday calendar was supplied");
        }

        if (b.HorizonLength <= Duration.Zero)
        {
            Error("horizon", Inv($"the horizon ({b.HorizonLength}) must be positive"));
        }

        UniqueNames("windows", b.WindowList.Select(w => w.Name));
        UniqueNames("caps", b.CapList.Select(c => c.Name));
        UniqueNames("cooldowns", b.CooldownList.Select(c => c.Name));
        UniqueNames("exhaustion", b.ExhaustionList.Select(e => e.Name));
        UniqueNames("holds", b.HoldRuleList.Select(h => h.Name));

        if (errors.Count == 0)
        {
            var table = new WindowTable(b.WindowList, b.Calendar);
            DayKinds[] days = [DayKinds.Weekday, DayKinds.Saturday, DayKinds.Sunday];
            foreach (var channel in steps.Where(s => s.Channel is not null).Select(s => s.Channel!.Value).Distinct().Order())
            {
                if (!table.IsEverOpen(channel))
                {
                    Error("windows", $"the windows are never open for channel {channel}: every step on it would be dropped");
                }

                var uncovered = days.Where(d => table.NamesFor(channel, d).Count == 0).ToList();
                if (uncovered.Count is > 0 and < 3)
                {
                    Error("windows", $"the windows for channel {channel} say nothing about {string.Join(", ", uncovered)}: add a window for those days (one with no ranges closes them)");
                }
            }
        }

        return errors;

        void UniqueNames(string section, IEnumerable<string> names)
        {
            var seenNames = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var name in names)
            {
                if (!string.IsNullOrWhiteSpace(name) && !seenNames.Add(name))
                {
                    Error(Inv($"{section}[{i}] ('{name}').name"), $"the name '{name}' is used by an earlier rule in {section}");
                }

                i++;
            }
        }

        void RequireName(string name, string path)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Error(path + ".name", "the rule has no name");
            }
        }
    }
}
