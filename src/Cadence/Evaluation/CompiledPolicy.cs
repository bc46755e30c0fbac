using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Cadence.Evaluation.Blocks;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>
/// Everything an engine derives once from a <see cref="CadencePolicy"/>: the step index, the rule names, the window
/// table, the hold × step table, the guards and a cache of resolved zone sets. Thread-safe; built by the engine.
/// </summary>
internal sealed class CompiledPolicy
{
    private readonly ConcurrentDictionary<(string, string?), ImmutableArray<DateTimeZone>> zoneSets = new();

    public CompiledPolicy(CadencePolicy policy)
    {
        Policy = policy;
        StepIndex = policy.Steps.Select((s, i) => KeyValuePair.Create(s.Id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        Names = new RuleNames(policy);
        Windows = ContactWindowTable.Build(policy.Windows, policy.Holidays);
        Holds = new HoldBlocking(policy);
        EarliestFromDay = policy.Steps.IsEmpty ? 0 : policy.Steps.Min(s => s.FromDay);
        Guards = CandidateGuard.For(this);
    }

    public CadencePolicy Policy { get; }

    public ImmutableArray<CadenceStep> Steps => Policy.Steps;

    /// <summary>Each step's position, by id.</summary>
    public FrozenDictionary<string, int> StepIndex { get; }

    public RuleNames Names { get; }

    public WindowTable Windows { get; }

    /// <summary>Which hold rule blocks which step, and when holds are in effect.</summary>
    public HoldBlocking Holds { get; }

    /// <summary>The static blocks, in the order they are checked.</summary>
    public ImmutableArray<CandidateGuard> Guards { get; }

    /// <summary>The earliest first day of any step, relative to the due date.</summary>
    public int EarliestFromDay { get; }

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
