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
}
