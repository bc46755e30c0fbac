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
    private readonly ConcurrentDictionary<(string, string?), ImmutableArray<DateTimeZone>> zoneSets = new();
    private readonly bool[] holdBlocks;
    private readonly bool[] holdBlocksChannel;

    public CompiledPolicy(CadencePolicy policy)
    {
        Policy = policy;
        StepIndex = policy.Steps.Select((s, i) => KeyValuePair.Create(s.Id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        Names = new RuleNames(policy);
        Windows = ContactWindowTable.Build(policy.Windows, policy.Holidays);
        holdBlocks = [.. policy.HoldRules.SelectMany(r => policy.Steps.Select(r.Blocks))];
        holdBlocksChannel = [.. policy.HoldRules.SelectMany(r => Enum.GetValues<Channel>().Select(r.BlocksChannel))];
        ChannelCount = Enum.GetValues<Channel>().Length;
        EarliestFromDay = policy.Steps.IsEmpty ? 0 : policy.Steps.Min(s => s.FromDay);
    }

    public CadencePolicy Policy { get; }

    public ImmutableArray<CadenceStep> Steps => Policy.Steps;

    /// <summary>Each step's position, by id.</summary>
    public FrozenDictionary<string, int> StepIndex { get; }

    public RuleNames Names { get; }

    public WindowTable Windows { get; }

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
