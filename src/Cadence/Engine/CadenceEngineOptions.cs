using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Cadence;

/// <summary>How a <see cref="CadenceEngine"/> evaluates.</summary>
public sealed class CadenceEngineOptions
{
    /// <summary>
    /// Which evaluator runs the policy: by default the compiled one, or NRules when the policy has custom NRules rules.
    /// </summary>
    public CadenceEvaluator Evaluator { get; set; }

    /// <summary>Whether decisions of single evaluations carry their explanation (on by default).</summary>
    public bool IncludeExplanations { get; set; } = true;

    /// <summary>Whether decisions of batches and streams carry their explanation (off by default: batches are for speed).</summary>
    public bool IncludeExplanationsInBatches { get; set; }

    /// <summary>How many partitions a batch is evaluated in at once; 0 or less uses every processor.</summary>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Batches smaller than this are evaluated on the calling thread.</summary>
    public int MinimumPartitionSize { get; set; } = 64;

    /// <summary>
    /// Where the engine logs its start and failed evaluations (without personal data: codes, rules and counts, never
    /// account ids or amounts); none by default. <c>AddCadence</c> sets it from the container.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Creates the engine's <see cref="CadenceTelemetry.MeterName"/> meter; when none is set, a meter shared by the
    /// process is used. <c>AddCadence</c> sets it from the container.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>A copy, so that changing the options later does not change a running engine.</summary>
    internal CadenceEngineOptions Snapshot() => (CadenceEngineOptions)MemberwiseClone();
}
