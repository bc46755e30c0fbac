using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Cadence.Explanations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cadence;

/// <summary>
/// An engine's instruments, activity source and logger. A batch counts its decisions in a tally per partition (no
/// allocation per account) and publishes the counts once, when the batch ends.
/// </summary>
internal sealed partial class EngineTelemetry
{
    private static readonly Meter SharedMeter = new(CadenceTelemetry.MeterName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly ActivitySource Source = new(CadenceTelemetry.ActivitySourceName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly int Kinds = Enum.GetValues<DecisionKind>().Length;
    private static readonly int Channels = Enum.GetValues<Channel>().Length;
    private static readonly string[] KindNames = [.. Enum.GetValues<DecisionKind>().Select(k => k.ToString().ToLowerInvariant())];
    private static readonly string[] ChannelNames = [.. Enum.GetValues<Channel>().Select(c => c.ToString().ToLowerInvariant())];

    private readonly Counter<long> decisions;
    private readonly Histogram<double> duration;
    private readonly Histogram<long> batchSize;
    private readonly ILogger logger;
    private readonly string policy;
    private readonly string evaluator;

    public EngineTelemetry(string policy, string evaluator, IMeterFactory? meterFactory, ILoggerFactory? loggerFactory)
    {
        this.policy = policy;
        this.evaluator = evaluator;
        var meter = meterFactory?.Create(CadenceTelemetry.MeterName, typeof(EngineTelemetry).Assembly.GetName().Version?.ToString()) ?? SharedMeter;
        decisions = meter.CreateCounter<long>(CadenceTelemetry.DecisionsInstrument, "{decision}", "Decisions made, by policy, kind, channel and reason.");
        duration = meter.CreateHistogram<double>(CadenceTelemetry.DurationInstrument, "s", "How long an evaluation or a batch took.");
        batchSize = meter.CreateHistogram<long>(CadenceTelemetry.BatchSizeInstrument, "{account}", "How many accounts a batch evaluated.");
        logger = loggerFactory?.CreateLogger<CadenceEngine>() ?? NullLogger<CadenceEngine>.Instance;
    }

    /// <summary>Whether a batch tallies its decisions: someone listens to the counter, or warnings are logged.</summary>
    public bool Tallying => decisions.Enabled || logger.IsEnabled(LogLevel.Warning);

    public void Started(string description) => LogStarted(logger, description);

    public long Start() => duration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records one evaluation.</summary>
    public void Evaluated(in Decision decision, long started)
    {
        if (decisions.Enabled)
        {
            decisions.Add(1, Tags(decision.Kind, decision.Channel ?? Channel.None, Reason(decision)));
        }

        if (started != 0)
        {
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(CadenceTelemetry.PolicyTag, policy), new KeyValuePair<string, object?>(CadenceTelemetry.OperationTag, "evaluate"));
        }

        if (decision.Kind == DecisionKind.Error)
        {
            LogFailed(logger, policy, decision.Error!.Code, decision.Error.RuleName ?? "-");
        }
    }

    public Activity? StartBatch(int count)
    {
        var activity = Source.StartActivity(CadenceTelemetry.BatchActivity, ActivityKind.Internal);
        activity?.SetTag(CadenceTelemetry.PolicyTag, policy);
        activity?.SetTag("cadence.evaluator", evaluator);
        activity?.SetTag("cadence.batch.size", count);
        return activity;
    }

    /// <summary>Publishes a finished batch: its tallies, size, duration, activity and a log line for its errors.</summary>
    public void BatchEnded(Activity? activity, int count, long started, IReadOnlyCollection<Tally>? tallies)
    {
        batchSize.Record(count, new KeyValuePair<string, object?>(CadenceTelemetry.PolicyTag, policy));
        if (started != 0)
        {
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(CadenceTelemetry.PolicyTag, policy), new KeyValuePair<string, object?>(CadenceTelemetry.OperationTag, "batch"));
        }

        if (tallies is null)
        {
            // No one counts decisions and warnings are off: nothing to publish but the activity's end.
            activity?.Dispose();
            return;
        }

        var errors = 0L;
        var total = new Tally();
        foreach (var tally in tallies)
        {
            total.Merge(tally);
        }

        if (decisions.Enabled)
        {
            for (var k = 0; k < Kinds; k++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    var n = total.Counts[(k * Channels) + c];
                    var kind = (DecisionKind)k;
                    if (n > 0 && kind is not (DecisionKind.Error or DecisionKind.Suppressed))
                    {
                        decisions.Add(n, Tags(kind, (Channel)c, "none"));
                    }
                }
            }

            foreach (var ((kind, reason), n) in total.Reasons)
            {
                decisions.Add(n, Tags(kind, Channel.None, reason));
            }
        }

        foreach (var ((kind, _), n) in total.Reasons)
        {
            errors += kind == DecisionKind.Error ? n : 0;
        }

        if (activity is not null)
        {
            activity.SetTag("cadence.batch.errors", errors);
            if (errors > 0)
            {
                activity.SetStatus(ActivityStatusCode.Error, $"{errors} of {count} accounts could not be evaluated");
            }

            activity.Dispose();
        }

        if (errors > 0)
        {
            LogBatchErrors(logger, policy, errors, count, string.Join(", ", total.Reasons.Where(r => r.Key.Kind == DecisionKind.Error).Select(r => $"{r.Key.Reason} × {r.Value}")));
        }
    }

    private TagList Tags(DecisionKind kind, Channel channel, string reason) => new()
    {
        { CadenceTelemetry.PolicyTag, policy },
        { CadenceTelemetry.KindTag, KindNames[(int)kind] },
        { CadenceTelemetry.ChannelTag, (int)channel < ChannelNames.Length ? ChannelNames[(int)channel] : "none" },
        { CadenceTelemetry.ReasonTag, reason },
    };

    private static string Reason(in Decision decision) => decision.Kind switch
    {
        DecisionKind.Error => decision.Error!.Code.ToString(),
        DecisionKind.Suppressed => decision.SuppressedBy?.Name ?? "hold",
        _ => "none",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Cadence engine ready: {Description}")]
    private static partial void LogStarted(ILogger logger, string description);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "An account could not be evaluated under policy '{Policy}': {Code} (rule {Rule}); the decision is an error, not a contact")]
    private static partial void LogFailed(ILogger logger, string policy, ReasonCode code, string rule);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Policy '{Policy}': {Errors} of {Count} accounts of a batch could not be evaluated ({Reasons}); their decisions are errors, not contacts")]
    private static partial void LogBatchErrors(ILogger logger, string policy, long errors, int count, string reasons);

    /// <summary>A partition's count of decisions by kind and channel; errors and suppressions by reason.</summary>
    internal sealed class Tally
    {
        public long[] Counts { get; } = new long[Kinds * Channels];

        public Dictionary<(DecisionKind Kind, string Reason), long> Reasons { get; } = [];

        public void Add(in Decision decision)
        {
            if (decision.Kind is DecisionKind.Error or DecisionKind.Suppressed)
            {
                var key = (decision.Kind, Reason(decision));
                Reasons[key] = Reasons.GetValueOrDefault(key) + 1;
                return;
            }

            Counts[((int)decision.Kind * Channels) + (int)(decision.Channel ?? Channel.None)]++;
        }

        public void Merge(Tally other)
        {
            for (var i = 0; i < Counts.Length; i++)
            {
                Counts[i] += other.Counts[i];
            }

            foreach (var (key, n) in other.Reasons)
            {
                Reasons[key] = Reasons.GetValueOrDefault(key) + n;
            }
        }
    }
}
