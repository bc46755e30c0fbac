using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Cadence.Explanations;

namespace Cadence.Evaluation;

/// <summary>
/// The one registry of the names explanations give rules. The grammar (documented in <c>docs/concepts.md</c>):
/// <c>step:&lt;step id&gt;</c>, <c>guard:no-contact-point</c>, <c>guard:opted-out</c>, <c>guard:consent:&lt;channel&gt;</c>,
/// <c>guard:workplace:&lt;channel&gt;</c>, <c>exhaustion:&lt;rule&gt;</c>, <c>hold:&lt;hold rule&gt;</c> (a hold rule of
/// the policy), <c>hold-kind:&lt;kind&gt;</c> (a hold of the account, by its kind, when it starts or ends),
/// <c>cap:&lt;cap&gt;</c>, <c>cooldown:&lt;cooldown&gt;</c>, <c>window:&lt;window&gt;[+&lt;window&gt;…] (&lt;zone&gt;)</c>,
/// <c>horizon</c>, <c>selection</c>, <c>selection:&lt;chosen step id&gt;</c>, <c>account</c>, <c>policy</c>. Custom
/// NRules rules keep their own names. Names of a policy's rules are made once, when the engine compiles it.
/// </summary>
internal sealed class RuleNames
{
    public const string NoContactPoint = "guard:no-contact-point";
    public const string OptedOut = "guard:opted-out";
    public const string Horizon = "horizon";
    public const string Selection = "selection";
    public const string Account = "account";
    public const string Policy = "policy";

    public RuleNames(CadencePolicy policy)
    {
        Steps = [.. policy.Steps.Select(s => Step(s.Id))];
        HoldRules = [.. policy.HoldRules.Select(h => "hold:" + h.Name)];
        Caps = [.. policy.Caps.Select(c => "cap:" + c.Name)];
        Cooldowns = [.. policy.Cooldowns.Select(c => "cooldown:" + c.Name)];
        Exhaustion = [.. policy.ExhaustionRules.Select(e => "exhaustion:" + e.Name)];
        var sources = new Dictionary<string, RuleSource>(StringComparer.Ordinal);
        void Add(string name, RuleSource? source)
        {
            if (source is not null)
            {
                sources.TryAdd(name, source);
            }
        }

        for (var i = 0; i < policy.HoldRules.Length; i++)
        {
            Add(HoldRules[i], policy.HoldRules[i].Source);
        }

        for (var i = 0; i < policy.Caps.Length; i++)
        {
            Add(Caps[i], policy.Caps[i].Source);
        }

        for (var i = 0; i < policy.Cooldowns.Length; i++)
        {
            Add(Cooldowns[i], policy.Cooldowns[i].Source);
        }

        for (var i = 0; i < policy.ExhaustionRules.Length; i++)
        {
            Add(Exhaustion[i], policy.ExhaustionRules[i].Source);
        }

        foreach (var window in policy.Windows)
        {
            Add(WindowPrefix + window.Name, window.Source);
        }

        ruleSources = sources.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private const string WindowPrefix = "window:";

    private readonly FrozenDictionary<string, RuleSource> ruleSources;

    /// <summary>The rule of each step, index for index with the policy's steps.</summary>
    public ImmutableArray<string> Steps { get; }

    /// <summary>The guard of each hold rule, index for index with the policy's hold rules.</summary>
    public ImmutableArray<string> HoldRules { get; }

    /// <summary>Each cap, index for index with the policy's caps.</summary>
    public ImmutableArray<string> Caps { get; }

    /// <summary>Each cooldown, index for index with the policy's cooldowns.</summary>
    public ImmutableArray<string> Cooldowns { get; }

    /// <summary>The guard of each exhaustion rule, index for index with the policy's exhaustion rules.</summary>
    public ImmutableArray<string> Exhaustion { get; }

    /// <summary>
    /// <paramref name="reason"/> with the sources of the rules it names (a window reason names each of its windows); the
    /// reason itself when they have none.
    /// </summary>
    public ExplanationReason WithSources(ExplanationReason reason)
    {
        if (ruleSources.Count == 0)
        {
            return reason;
        }

        if (ruleSources.TryGetValue(reason.RuleName, out var source))
        {
            return reason with { Sources = [source] };
        }

        var name = reason.RuleName;
        if (!name.StartsWith(WindowPrefix, StringComparison.Ordinal))
        {
            return reason;
        }

        var end = name.LastIndexOf(" (", StringComparison.Ordinal);
        var windows = name[WindowPrefix.Length..(end < 0 ? name.Length : end)].Split('+');
        ImmutableArray<RuleSource> found = [.. windows.Select(w => ruleSources.GetValueOrDefault(WindowPrefix + w)).OfType<RuleSource>().Distinct()];
        return found.IsEmpty ? reason : reason with { Sources = found };
    }

    /// <summary>The index of the hold rule whose guard is named <paramref name="name"/>; -1 when none is.</summary>
    public int HoldRuleIndex(string name) => HoldRules.IndexOf(name);

    public static string Step(string stepId) => "step:" + stepId;

    public static string Consent(Channel channel) => "guard:consent:" + channel;

    public static string Workplace(Channel channel) => "guard:workplace:" + channel;

    public static string HoldKind(HoldKind kind) => "hold-kind:" + kind.Name;

    public static string OutrankedBy(string chosenStepId) => "selection:" + chosenStepId;

    public static string Window(IReadOnlyList<string> windows, string zoneId)
        => string.Create(CultureInfo.InvariantCulture, $"{(windows.Count > 0 ? WindowPrefix + string.Join("+", windows) : "window")} ({zoneId})");
}
