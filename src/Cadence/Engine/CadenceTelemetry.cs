namespace Cadence;

/// <summary>
/// The names under which engines publish their metrics (<see cref="System.Diagnostics.Metrics"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>). No instrument, tag or activity carries personal data: no account
/// id, name, amount or contact detail — only policy names, decision kinds, channels, reason codes, counts and durations.
/// </summary>
public static class CadenceTelemetry
{
    /// <summary>The meter's name: <c>Cadence</c>. Subscribe with <c>AddMeter("Cadence")</c> in OpenTelemetry.</summary>
    public const string MeterName = "Cadence";

    /// <summary>The activity source's name: <c>Cadence</c>. Subscribe with <c>AddSource("Cadence")</c> in OpenTelemetry.</summary>
    public const string ActivitySourceName = "Cadence";

    /// <summary>Counter <c>cadence.decisions</c> ({decision}): decisions made, tagged with policy, kind, channel and reason.</summary>
    public const string DecisionsInstrument = "cadence.decisions";

    /// <summary>Histogram <c>cadence.evaluation.duration</c> (s): how long an evaluation or a batch took, tagged with policy and operation.</summary>
    public const string DurationInstrument = "cadence.evaluation.duration";

    /// <summary>Histogram <c>cadence.batch.size</c> ({account}): how many accounts a batch evaluated, tagged with policy.</summary>
    public const string BatchSizeInstrument = "cadence.batch.size";

    /// <summary>The activity of a batch: <c>cadence.evaluate_batch</c>, tagged with policy, evaluator, size and errors.</summary>
    public const string BatchActivity = "cadence.evaluate_batch";

    /// <summary>Tag: the policy's name.</summary>
    public const string PolicyTag = "cadence.policy";

    /// <summary>Tag: the decision's kind (<c>contact</c>, <c>escalate</c>, <c>wait</c>, <c>suppressed</c>, <c>none</c>, <c>error</c>).</summary>
    public const string KindTag = "cadence.decision.kind";

    /// <summary>Tag: the decision's channel (<c>email</c>, <c>sms</c>, <c>call</c>…), or <c>none</c>.</summary>
    public const string ChannelTag = "cadence.channel";

    /// <summary>Tag: why — the error's reason code, or the kind of hold of a suppression; <c>none</c> otherwise.</summary>
    public const string ReasonTag = "cadence.reason";

    /// <summary>Tag: <c>evaluate</c> for one account, <c>batch</c> for a batch.</summary>
    public const string OperationTag = "cadence.operation";
}
