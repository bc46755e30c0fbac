using Cadence.Json;

namespace Cadence.Samples.WebApi;

/// <summary>The application's settings, from the <c>Cadence</c> configuration section (appsettings.json, environment, command line).</summary>
internal sealed class DecisionApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Cadence";

    /// <summary>The policy file bundled with the application, used when <see cref="PolicyPath"/> is not set.</summary>
    public static string BundledPolicyPath { get; } = Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json");

    /// <summary>
    /// The policy file (<c>Cadence:PolicyPath</c>), absolute or relative to the content root; by default the bundled
    /// <c>acme-us.policy.json</c>.
    /// </summary>
    public string? PolicyPath { get; set; }

    /// <summary>
    /// How many lines of a batch are read before they are evaluated together and their decisions written and flushed
    /// (<c>Cadence:BatchChunkSize</c>, 4096 by default). It bounds the memory a batch holds, whatever its length.
    /// </summary>
    public int BatchChunkSize { get; set; } = 4096;

    /// <summary>
    /// The largest body of <c>POST /decisions</c> and <c>POST /check</c>, in bytes (<c>Cadence:MaxRecordBytes</c>, 1 MiB
    /// by default): one record is read whole, so it is bounded. A larger body is answered <c>413</c>.
    /// </summary>
    public long MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest body of <c>POST /decisions/batch</c>, in bytes (<c>Cadence:MaxBatchBytes</c>; none by default): a
    /// batch is streamed, so its length does not bound the memory it takes. Over it, the batch is answered <c>413</c>
    /// when its length is known beforehand, and otherwise ends with an error record where the limit was reached.
    /// </summary>
    public long? MaxBatchBytes { get; set; }

    /// <summary>
    /// The longest line of a batch, in bytes (<c>Cadence:MaxLineBytes</c>, 4 MiB by default): a longer line is answered
    /// with an error record in its place and is never held in memory whole.
    /// </summary>
    public int MaxLineBytes { get; set; } = PersonJson.DefaultMaxLineBytes;
}
