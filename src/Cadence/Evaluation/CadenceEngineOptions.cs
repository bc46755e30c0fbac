namespace Cadence;

/// <summary>How a <see cref="CadenceEngine"/> evaluates.</summary>
public sealed class CadenceEngineOptions
{
    /// <summary>
    /// Which evaluator runs the policy: by default the compiled one, or NRules when the policy has custom NRules rules.
    /// </summary>
    public CadenceEvaluator Evaluator { get; set; }

    /// <summary>Whether decisions carry their explanation (on by default; turn off for the fastest batches).</summary>
    public bool IncludeExplanations { get; set; } = true;

    /// <summary>How many partitions a batch is evaluated in at once; 0 or less uses every processor.</summary>
    public int MaxDegreeOfParallelism { get; set; }

    /// <summary>Batches smaller than this are evaluated on the calling thread.</summary>
    public int MinimumPartitionSize { get; set; } = 64;
}
