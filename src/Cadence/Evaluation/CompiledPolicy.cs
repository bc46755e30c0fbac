using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>
/// Everything an engine derives once from a <see cref="CadencePolicy"/>: the step index, the rule names, the window
/// table, the hold × step table and a cache of resolved zone sets. Thread-safe; built by the engine. The stages
/// (<c>Facts/</c>, <c>Candidates/</c>, <c>Blocks/</c>, <c>Placement/</c>, <c>Choice/</c>) read it; it refers to none of them.
/// </summary>
internal sealed class CompiledPolicy
{
    /// <summary>Compares region sets element by element.</summary>
    private sealed class RegionSetComparer : IEqualityComparer<ImmutableArray<string>>
    {
        public static readonly RegionSetComparer Instance = new();

        public bool Equals(ImmutableArray<string> x, ImmutableArray<string> y) => x.AsSpan().SequenceEqual(y.AsSpan());

        public int GetHashCode(ImmutableArray<string> obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0]);
    }

    private readonly ConcurrentDictionary<(string, string?), ImmutableArray<DateTimeZone>> zoneSets = new();
    private readonly bool[] holdBlocks;
    private readonly bool[] holdBlocksChannel;
    private readonly ImmutableArray<ImmutableArray<string>> windowRegions;
    private readonly ConcurrentDictionary<long, WindowTable> regionalWindows = new();

    public CompiledPolicy(CadencePolicy policy)
    {
        Policy = policy;
        StepIndex = policy.Steps.Select((s, i) => KeyValuePair.Create(s.Id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        Names = new RuleNames(policy);
        Windows = ContactWindowTable.Build(policy.Windows, policy.Holidays);
        windowRegions = [.. policy.Windows.Where(w => w.Source is { Regions.IsEmpty: false }).Select(w => w.Source!.Regions).Distinct(RegionSetComparer.Instance)];
        holdBlocks = [.. policy.HoldRules.SelectMany(r => policy.Steps.Select(r.Blocks))];
        holdBlocksChannel = [.. policy.HoldRules.SelectMany(r => Enum.GetValues<Channel>().Select(r.BlocksChannel))];
        ChannelCount = Enum.GetValues<Channel>().Length;
        EarliestFromDay = policy.Steps.IsEmpty ? 0 : policy.Steps.Min(s => s.FromDay);
        PlacementIgnoresPoint = policy.Caps.All(c => c.Scope != RuleScope.ContactPoint && c.ContactPointKinds.IsEmpty)
                                && policy.Cooldowns.All(c => c.Scope != RuleScope.ContactPoint);
    }

    /// <summary>
    /// Whether a candidate's place in time never depends on its contact point (no cap or cooldown counts per point or
    /// by kind of point): the candidates of one step about one account on several points are then placed once.
    /// </summary>
    public bool PlacementIgnoresPoint { get; }

    public CadencePolicy Policy { get; }

    public ImmutableArray<CadenceStep> Steps => Policy.Steps;

    /// <summary>Each step's position, by id.</summary>
    public FrozenDictionary<string, int> StepIndex { get; }

    public RuleNames Names { get; }

    /// <summary>The window table of every window (and of every person, when no window is limited to regions).</summary>
    public WindowTable Windows { get; }

    /// <summary>
    /// The window table for <paramref name="person"/>: the policy's windows, less those of packs limited to regions the
    /// person is not in; one table per combination of regions, made once.
    /// </summary>
    public WindowTable WindowsFor(CustomRules.PersonFacts person)
    {
        if (windowRegions.IsEmpty)
        {
            return Windows;
        }

        var mask = 0L;
        for (var i = 0; i < windowRegions.Length && i < 63; i++)
        {
            if (person.IsIn(windowRegions[i]))
            {
                mask |= 1L << i;
            }
        }

        return regionalWindows.GetOrAdd(mask, static (m, self) => self.BuildWindows(m), this);
    }

    /// <summary>The policy's hold rules.</summary>
    public ImmutableArray<HoldRule> HoldRules => Policy.HoldRules;

    /// <summary>The earliest first day of any step, relative to the due date.</summary>
    public int EarliestFromDay { get; }

    private int ChannelCount { get; }

    /// <summary>Whether hold rule <paramref name="rule"/> blocks step <paramref name="step"/>: a lookup in the hold × step table.</summary>
    public bool HoldBlocks(int rule, int step) => holdBlocks[(rule * Steps.Length) + step];

    /// <summary>
    /// Whether hold rule <paramref name="rule"/> blocks step <paramref name="step"/>, or, for a contact that serves no
    /// step (<paramref name="step"/> &lt; 0), a contact on <paramref name="channel"/>.
    /// </summary>
    public bool HoldBlocks(int rule, int step, Channel? channel)
        => step >= 0 ? HoldBlocks(rule, step) : channel is { } c && holdBlocksChannel[(rule * ChannelCount) + (int)c];

    private WindowTable BuildWindows(long mask)
    {
        var windows = Policy.Windows.Where(w => w.Source is not { Regions.IsEmpty: false } source
            || windowRegions.IndexOf(source.Regions, RegionSetComparer.Instance) is var i && (i >= 63 || (mask & (1L << i)) != 0));
        return ContactWindowTable.Build([.. windows], Policy.Holidays);
    }

    /// <summary>Whether a rule from <paramref name="source"/> applies to the person (a pack limited to regions the person is not in does not).</summary>
    public static bool AppliesTo(RuleSource? source, CustomRules.PersonFacts person) => source is null || source.Regions.IsEmpty || person.IsIn(source.Regions);

    /// <summary>
    /// The resolved zones of a valid account (the default zone when it names none), duplicates removed; cached, so
    /// that the usual one- or two-zone sets are resolved once per policy.
    /// </summary>
    public ImmutableArray<DateTimeZone> ZoneSet(ImmutableArray<string> ids) => ids.Length switch
    {
        0 => zoneSets.GetOrAdd((string.Empty, null), static (_, p) => [p.DefaultZone!], Policy),
        1 => zoneSets.GetOrAdd((ids[0], null), static (key, p) => [p.ZoneProvider[key.Item1]], Policy),
        2 => zoneSets.GetOrAdd((ids[0], ids[1]), static (key, p) => [.. new[] { p.ZoneProvider[key.Item1], p.ZoneProvider[key.Item2!] }.Distinct()], Policy),
        _ => [.. ids.Select(id => Policy.ZoneProvider[id]).Distinct()],
    };
}
