using System.Collections.Immutable;
using Cadence.Internal;
using NodaTime;
using NRules.Fluent.Dsl;

namespace Cadence;

/// <summary>
/// A validated, immutable contact policy: the cadence's steps and the windows, caps, cooldowns, exhaustion rules,
/// hold mappings and consent requirements that constrain them. Build one with <see cref="CreateBuilder"/>; combine
/// a lender cadence with jurisdiction packs with <see cref="Compose"/> (the strictest rule wins).
/// </summary>
/// <remarks>
/// Thread-safe: a policy never changes after it is built. A policy is data only: what an engine derives from it once
/// (indexes, guards, window tables, zone caches, rule names) is built by the engine, not by the policy.
/// </remarks>
public sealed class CadencePolicy : IEquatable<CadencePolicy>
{
    internal CadencePolicy(CadencePolicyBuilder b, ImmutableArray<CadenceStep> steps)
    {
        Name = b.PolicyName;
        Steps = steps;
        Windows = [.. b.WindowList];
        Caps = [.. b.CapList];
        Cooldowns = [.. b.CooldownList];
        ExhaustionRules = [.. b.ExhaustionList];
        HoldRules = [.. b.HoldRuleList];
        ConsentRequired = [.. b.ConsentSet.Order()];
        WorkplaceRestricted = [.. b.WorkplaceSet.Order()];
        ZoneProvider = b.Provider;
        DefaultZone = b.DefaultZoneId is null ? null : b.Provider.GetZoneOrNull(b.DefaultZoneId);
        Horizon = b.HorizonLength;
        SelectionOrder = b.Order;
        Holidays = b.Calendar;
        CustomRules = [.. b.CustomRuleList];
        RequiredHolidayRegions = [.. b.HolidayRegions];
        LimitedContentVoicemail = b.LimitedVoicemail;
        ContactPointPreference = b.PointPreference;
    }

    /// <summary>The default preference among kinds of contact point: mobile, landline, work; personal before work e-mail.</summary>
    public static ImmutableArray<ContactPointKind> DefaultContactPointPreference { get; } =
        [ContactPointKind.Mobile, ContactPointKind.Landline, ContactPointKind.Work, ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail];

    /// <summary>The policy's name.</summary>
    public string Name { get; }

    /// <summary>The cadence's steps in declaration order.</summary>
    public ImmutableArray<CadenceStep> Steps { get; }

    /// <summary>Contact windows; they intersect.</summary>
    public ImmutableArray<ContactWindow> Windows { get; }

    /// <summary>Frequency caps; every one must hold.</summary>
    public ImmutableArray<FrequencyCap> Caps { get; }

    /// <summary>Cooldowns; every one must have ended.</summary>
    public ImmutableArray<Cooldown> Cooldowns { get; }

    /// <summary>Exhaustion rules.</summary>
    public ImmutableArray<ExhaustionRule> ExhaustionRules { get; }

    /// <summary>What each kind of hold blocks.</summary>
    public ImmutableArray<HoldRule> HoldRules { get; }

    /// <summary>Channels whose contact point must carry the borrower's consent.</summary>
    public ImmutableArray<Channel> ConsentRequired { get; }

    /// <summary>Channels never used on a contact point flagged as the borrower's workplace.</summary>
    public ImmutableArray<Channel> WorkplaceRestricted { get; }

    /// <summary>The zone used for a borrower who has none; <see langword="null"/> when such a borrower is an error.</summary>
    public DateTimeZone? DefaultZone { get; }

    /// <summary>The zone provider borrower zone ids are resolved with.</summary>
    public IDateTimeZoneProvider ZoneProvider { get; }

    /// <summary>How far ahead of now a not-before instant may be looked for.</summary>
    public Duration Horizon { get; }

    /// <summary>How the engine chooses among allowed contacts.</summary>
    public SelectionOrder SelectionOrder { get; }

    /// <summary>The holiday calendar contact windows use.</summary>
    public IHolidayCalendar Holidays { get; }

    /// <summary>Regions whose public holidays the policy needs (see <see cref="CadencePolicyBuilder.RequireHolidays"/>).</summary>
    public ImmutableArray<string> RequiredHolidayRegions { get; }

    /// <summary>Whether call decisions say that a voicemail may carry no debt details (<see cref="Decision.LimitedContentVoicemail"/>).</summary>
    public bool LimitedContentVoicemail { get; }

    /// <summary>
    /// Which kinds of contact point are preferred, most preferred first, when a step could use several points of its
    /// channel at the same rank; kinds not listed come after, in the order of <see cref="ContactPointKind"/>.
    /// </summary>
    public ImmutableArray<ContactPointKind> ContactPointPreference { get; }

    /// <summary>Lender-written NRules rules evaluated with the policy's own rules, over the same facts.</summary>
    public ImmutableArray<Rule> CustomRules { get; }

    /// <summary>Starts a policy.</summary>
    /// <param name="name">The policy's name.</param>
    /// <returns>A builder.</returns>
    public static CadencePolicyBuilder CreateBuilder(string name) => new(name);

    /// <summary>
    /// Combines policies into one whose rules are all of theirs: steps are concatenated (their ids must stay unique),
    /// windows intersect, caps, cooldowns, exhaustion rules, hold mappings, consent and workplace restrictions add up;
    /// the horizon, selection order, contact-point preference and default zone are the first policy's (the preference, the first one a policy sets) (the default zone, the first one any policy
    /// names), holidays the union.
    /// </summary>
    /// <param name="name">The combined policy's name.</param>
    /// <param name="policies">A lender cadence and the packs that constrain it.</param>
    /// <returns>The combined, validated policy.</returns>
    /// <exception cref="PolicyValidationException">The combination is invalid (e.g. a step id appears twice).</exception>
    public static CadencePolicy Compose(string name, params IReadOnlyList<CadencePolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (policies.Count == 0)
        {
            throw new ArgumentException("At least one policy is needed.", nameof(policies));
        }

        var builder = CreateBuilder(name)
            .UseZoneProvider(policies[0].ZoneProvider)
            .WithSelectionOrder(policies[0].SelectionOrder)
            .WithHorizon(policies[0].Horizon);
        if (policies.Select(p => p.DefaultZone).FirstOrDefault(z => z is not null) is { } zone)
        {
            builder.WithDefaultZone(zone.Id);
        }

        foreach (var policy in policies)
        {
            ArgumentNullException.ThrowIfNull(policy, nameof(policies));
            builder.Include(policy);
        }

        return builder.Build();
    }

    /// <summary>
    /// This policy with every window, cap, cooldown, hold rule and exhaustion rule limited to persons of
    /// <paramref name="regions"/> (e.g. a state overlay for <c>US-MA</c> residents): a person in none of them is not
    /// bound by those rules; a person whose regions are not known still is (failing closed). Steps, consent and workplace
    /// restrictions keep applying to everyone. Each rule keeps its source (pack, citation, mark); a rule without one gets
    /// this policy's name as its pack.
    /// </summary>
    /// <param name="regions">ISO 3166 codes or subdivisions (<c>US</c>, <c>US-MA</c>); at least one.</param>
    /// <returns>The limited policy.</returns>
    /// <exception cref="ArgumentException">No region, or an empty one, was given.</exception>
    public CadencePolicy LimitToRegions(params IEnumerable<string> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ImmutableArray<string> set = [.. regions.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (set.IsEmpty || set.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one region, none of them empty.", nameof(regions));
        }

        RuleSource Limit(RuleSource? source) => (source ?? new RuleSource(Name, string.Empty, SourceConfidence.Default)) with { Regions = set };
        var builder = CreateBuilder(Name).UseZoneProvider(ZoneProvider).WithSelectionOrder(SelectionOrder).WithHorizon(Horizon);
        if (DefaultZone is { } zone)
        {
            builder.WithDefaultZone(zone.Id);
        }

        builder.Include(this);
        Replace(builder.WindowList, w => w with { Source = Limit(w.Source) });
        Replace(builder.CapList, c => c with { Source = Limit(c.Source) });
        Replace(builder.CooldownList, c => c with { Source = Limit(c.Source) });
        Replace(builder.HoldRuleList, r => r with { Source = Limit(r.Source) });
        Replace(builder.ExhaustionList, r => r with { Source = Limit(r.Source) });
        return builder.Build();

        static void Replace<T>(List<T> list, Func<T, T> map)
        {
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = map(list[i]);
            }
        }
    }

    /// <summary>The step with <paramref name="id"/>, or <see langword="null"/>.</summary>
    /// <param name="id">A step id.</param>
    /// <returns>The step, if any.</returns>
    public CadenceStep? FindStep(string id)
    {
        foreach (var step in Steps)
        {
            if (string.Equals(step.Id, id, StringComparison.Ordinal))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="other"/> says the same thing: same name, rules in the same order, same zones, horizon,
    /// selection and holidays. Custom conditions and NRules rules are equal only to themselves.
    /// </summary>
    /// <param name="other">Another policy.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(CadencePolicy? other)
        => other is not null && (ReferenceEquals(this, other)
           || (Name == other.Name
               && Sequence.Equal(Steps, other.Steps)
               && Sequence.Equal(Windows, other.Windows)
               && Sequence.Equal(Caps, other.Caps)
               && Sequence.Equal(Cooldowns, other.Cooldowns)
               && Sequence.Equal(ExhaustionRules, other.ExhaustionRules)
               && Sequence.Equal(HoldRules, other.HoldRules)
               && Sequence.Equal(ConsentRequired, other.ConsentRequired)
               && Sequence.Equal(WorkplaceRestricted, other.WorkplaceRestricted)
               && Sequence.Equal(RequiredHolidayRegions, other.RequiredHolidayRegions)
               && LimitedContentVoicemail == other.LimitedContentVoicemail
               && Sequence.Equal(ContactPointPreference, other.ContactPointPreference)
               && DefaultZone?.Id == other.DefaultZone?.Id
               && ZoneProvider.VersionId == other.ZoneProvider.VersionId
               && Horizon == other.Horizon
               && SelectionOrder == other.SelectionOrder
               && Equals(Holidays, other.Holidays)
               && Enumerable.SequenceEqual(CustomRules, other.CustomRules, ReferenceEqualityComparer.Instance)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CadencePolicy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Sequence.Hash(Steps), Sequence.Hash(Caps), Horizon, DefaultZone?.Id);

    /// <inheritdoc />
    public override string ToString() => $"CadencePolicy '{Name}' ({Steps.Length} steps, {Windows.Length} windows, {Caps.Length} caps, {Cooldowns.Length} cooldowns)";
}
