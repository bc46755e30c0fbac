using System.Text;

namespace Cadence.Json;

/// <summary>
/// Reads and writes policy files: the whole policy model as JSON a compliance team can read, review and diff.
/// Conditions come from a fixed vocabulary, so a policy file can never execute code; unknown properties are
/// rejected; every problem in a file is reported at once, each with its JSON path and line. The format is described
/// in <c>docs/policy-format.md</c> and by the JSON Schema <see cref="PolicySchema"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class PolicyJson
{
    /// <summary>The name of the policy file JSON Schema shipped with the package (in <c>schemas/</c>).</summary>
    public const string PolicySchemaFileName = "cadence-policy.schema.json";

    /// <summary>The name of the holiday calendar file JSON Schema shipped with the package (in <c>schemas/</c>).</summary>
    public const string HolidaysSchemaFileName = "cadence-holidays.schema.json";

    /// <summary>The JSON Schema (draft 2020-12) of policy files.</summary>
    public static string PolicySchema { get; } = Resource(PolicySchemaFileName);

    /// <summary>The JSON Schema (draft 2020-12) of holiday calendar files.</summary>
    public static string HolidaysSchema { get; } = Resource(HolidaysSchemaFileName);

    /// <summary>Reads a policy from JSON text.</summary>
    /// <param name="json">The policy file's text.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The policy, or every problem found.</returns>
    public static PolicyReadResult Read(string json, PolicyJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Reads a policy from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The policy file's bytes.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The policy, or every problem found.</returns>
    public static PolicyReadResult Read(ReadOnlySpan<byte> utf8Json, PolicyJsonOptions? options = null)
        => PolicyJsonReader.Read(utf8Json, options ?? PolicyJsonOptions.Default);

    /// <summary>Reads a policy file; holiday files it names are found relative to it.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The policy, or every problem found.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PolicyReadResult ReadFile(string path, PolicyJsonOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= PolicyJsonOptions.Default;
        options = options with { BaseDirectory = options.BaseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) };
        return Read(File.ReadAllBytes(path), options);
    }

    /// <summary>Loads a policy file, throwing when it has problems.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The file has problems; every one is listed with its path and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CadencePolicy Load(string path, PolicyJsonOptions? options = null)
        => ReadFile(path, options).GetPolicyOrThrow(Path.GetFileName(path));

    /// <summary>Reads a policy from JSON text, throwing when it has problems.</summary>
    /// <param name="json">The policy file's text.</param>
    /// <param name="options">How to read it; <see langword="null"/> for the defaults.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The text has problems; every one is listed with its path and line.</exception>
    public static CadencePolicy Parse(string json, PolicyJsonOptions? options = null)
        => Read(json, options).GetPolicyOrThrow("(text)");

    /// <summary>
    /// Writes a policy as JSON, every rule of it spelled out (packs it was composed with included), so that reading
    /// it back gives an equal policy.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="schemaReference">The <c>$schema</c> to write, e.g. a relative path to the schema; none when <see langword="null"/>.</param>
    /// <returns>The indented JSON text.</returns>
    /// <exception cref="NotSupportedException">
    /// The policy uses something a file cannot express: a custom condition or NRules rule, a host's holiday calendar,
    /// or a zone provider other than TZDB.
    /// </exception>
    public static string Write(CadencePolicy policy, string? schemaReference = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return PolicyJsonWriter.Write(policy, schemaReference);
    }

    internal static string Resource(string name)
    {
        using var stream = typeof(PolicyJson).Assembly.GetManifestResourceStream("Cadence.Json.schemas." + name)
            ?? throw new InvalidOperationException($"The embedded schema {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
