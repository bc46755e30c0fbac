using Cadence.Internal;
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

    internal System.Collections.Immutable.ImmutableArray<ContactPointKind> PointPreference { get; private set; } = CadencePolicy.DefaultContactPointPreference;

    internal bool PointPreferenceSet { get; private set; }

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
    /// Sets the order in which kinds of contact point are preferred when a step could use several points of its
    /// channel at the same rank (default: <see cref="CadencePolicy.DefaultContactPointPreference"/>); kinds not listed
    /// come after the listed ones, in the order of <see cref="ContactPointKind"/>. Ties are then broken by the
    /// point's id, then the account's id, ordinally.
    /// </summary>
    /// <param name="kinds">The kinds, most preferred first.</param>
    /// <returns>This builder.</returns>
    public CadencePolicyBuilder WithContactPointPreference(params IEnumerable<ContactPointKind> kinds)
    {
        Guard.NotBuilt(built, nameof(CadencePolicyBuilder));
        PointPreference = [.. Guard.NotNull(kinds).Distinct()];
        PointPreferenceSet = true;
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
    /// (<see cref="CustomRules.AccountFacts"/>, <see cref="CustomRules.Candidate"/>, <see cref="CustomRules.CandidateBlock"/>) and may insert candidates
    /// (<see cref="CustomRules.AccountFacts.Propose(string, string)"/>) or blocks (<see cref="CustomRules.CandidateBlock"/>). A rule that throws makes its
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
        if (!PointPreferenceSet && policy.ContactPointPreference != CadencePolicy.DefaultContactPointPreference)
        {
            PointPreference = policy.ContactPointPreference;
            PointPreferenceSet = true;
        }

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
