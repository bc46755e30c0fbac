using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cadence.Json;

namespace Cadence.Ledger;

/// <summary>
/// The policy a ledger decides with, as evidence: the policy file's text and the text of every holiday file it names,
/// so that an audit can show exactly what decided and a replay can read it again. Immutable and thread-safe.
/// </summary>
public sealed record LedgerPolicy
{
    /// <summary>Creates the evidence of a policy.</summary>
    /// <param name="text">The policy file's text (JSON, see <see cref="PolicyJson"/>).</param>
    /// <param name="holidayFiles">The holiday files the policy names (<c>holidayFiles</c>), by the name it gives them, with their text; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The text is empty, or a holiday file name is empty.</exception>
    public LedgerPolicy(string text, IEnumerable<KeyValuePair<string, string>>? holidayFiles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text;
        var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in holidayFiles ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(holidayFiles));
            ArgumentNullException.ThrowIfNull(content, nameof(holidayFiles));
            files[name] = content;
        }

        HolidayFiles = files.ToImmutable();
        Sha256 = Hash(text);
        var all = new StringBuilder(Sha256);
        foreach (var (name, content) in HolidayFiles)
        {
            all.Append('\n').Append(Hash(name)).Append(' ').Append(Hash(content));
        }

        Id = HolidayFiles.Count == 0 ? Sha256 : Hash(all.ToString());
    }

    /// <summary>The policy file's text.</summary>
    public string Text { get; }

    /// <summary>The holiday files the policy names, by name, with their text.</summary>
    public ImmutableSortedDictionary<string, string> HolidayFiles { get; }

    /// <summary>The SHA-256 of the policy file's text (UTF-8), as 64 lowercase hexadecimal digits.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// The id of this evidence: <see cref="Sha256"/> when the policy names no holiday file, otherwise the SHA-256 of the
    /// policy's hash and every holiday file's name and content hashes. Two equal evidences have the same id.
    /// </summary>
    public string Id { get; }

    /// <summary>Reads a policy file and the holiday files it names (relative to its folder).</summary>
    /// <param name="path">The policy file's path.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="FormatException">The policy file is not JSON, or its <c>holidayFiles</c> is not a list of names.</exception>
    public static LedgerPolicy FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = File.ReadAllText(path, Encoding.UTF8);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var files = new List<KeyValuePair<string, string>>();
        foreach (var name in HolidayFileNames(text))
        {
            files.Add(new(name, File.ReadAllText(Path.Combine(folder, name), Encoding.UTF8)));
        }

        return new LedgerPolicy(text, files);
    }

    /// <summary>
    /// Reads the policy this evidence holds, as <see cref="PolicyJson"/> reads a file, its holiday files taken from
    /// <see cref="HolidayFiles"/> (never from the disk).
    /// </summary>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The policy has problems; every one is listed.</exception>
    public CadencePolicy Load()
        => HolidayFiles.Count == 0
            ? PolicyJson.Parse(Text)
            : PolicyJson.Read(Text, new PolicyJsonOptions { HolidayFiles = HolidayFiles }).GetPolicyOrThrow("policy " + Sha256[..12]);

    /// <summary>Whether <paramref name="other"/> holds the same texts.</summary>
    /// <param name="other">Another evidence.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(LedgerPolicy? other) => other is not null && Id == other.Id && Text == other.Text;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode(StringComparison.Ordinal);

    internal static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    private static List<string> HolidayFileNames(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var names = new List<string>();
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("holidayFiles", out var files))
            {
                if (files.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("The policy's 'holidayFiles' is not a list of file names.");
                }

                foreach (var file in files.EnumerateArray())
                {
                    names.Add(file.GetString() ?? throw new FormatException("The policy's 'holidayFiles' holds a value that is not a file name."));
                }
            }

            return names;
        }
        catch (JsonException e)
        {
            throw new FormatException($"The policy file is not JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("The policy's 'holidayFiles' holds a value that is not a file name.", e);
        }
    }
}
