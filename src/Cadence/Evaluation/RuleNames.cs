using System.Collections.Immutable;
using System.Globalization;

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
    }

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

    /// <summary>The index of the hold rule whose guard is named <paramref name="name"/>; -1 when none is.</summary>
    public int HoldRuleIndex(string name) => HoldRules.IndexOf(name);

    public static string Step(string stepId) => "step:" + stepId;

    public static string Consent(Channel channel) => "guard:consent:" + channel;

    public static string Workplace(Channel channel) => "guard:workplace:" + channel;

    public static string HoldKind(HoldKind kind) => "hold-kind:" + kind.Name;

    public static string OutrankedBy(string chosenStepId) => "selection:" + chosenStepId;

    public static string Window(IReadOnlyList<string> windows, string zoneId)
        => string.Create(CultureInfo.InvariantCulture, $"{(windows.Count > 0 ? "window:" + string.Join("+", windows) : "window")} ({zoneId})");
}
