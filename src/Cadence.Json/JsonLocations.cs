using System.Globalization;
using System.Text.Json;

namespace Cadence.Json;

/// <summary>
/// Where each value of a JSON document starts (1-based line and column), by path (<c>steps[3].window.from</c>), so
/// that an error found while mapping the document can say where it is.
/// </summary>
internal sealed class JsonLocations
{
    private readonly Dictionary<string, (int Line, int Column)> locations = new(StringComparer.Ordinal);

    private JsonLocations()
    {
    }

    /// <summary>No locations: errors then carry their path only.</summary>
    public static JsonLocations None { get; } = new();

    /// <summary>Indexes <paramref name="utf8"/>, which must be well-formed JSON.</summary>
    public static JsonLocations Index(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var index = new JsonLocations();
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var reader = new Utf8JsonReader(utf8, options);
        var path = new List<Segment>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    path[^1] = path[^1] with { Property = reader.GetString() };
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    continue;
                case JsonTokenType.Comment or JsonTokenType.None:
                    continue;
            }

            // A value starts: it is the next item of the array or the value of the property just read.
            if (path.Count > 0 && path[^1].IsArray)
            {
                path[^1] = path[^1] with { Index = path[^1].Index + 1 };
            }

            var offset = checked((int)reader.TokenStartIndex);
            var line = lineStarts.BinarySearch(offset);
            line = line >= 0 ? line : ~line - 1;
            index.locations.TryAdd(Render(path), (line + 1, offset - lineStarts[line] + 1));

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray, -1, null));
            }
        }

        return index;
    }

    /// <summary>The location of <paramref name="path"/>, or of its nearest ancestor that has one.</summary>
    public (int Line, int Column)? Find(string path)
    {
        while (true)
        {
            if (locations.TryGetValue(path, out var location))
            {
                return location;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return locations.TryGetValue("$", out var root) ? root : null;
            }

            path = path[..cut];
        }
    }

    /// <summary>The path of a property of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name) => parent == "$" ? name : parent + "." + name;

    /// <summary>The path of an item of the array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    private static string Render(List<Segment> path)
    {
        var s = "$";
        foreach (var segment in path)
        {
            s = segment.IsArray ? Item(s, segment.Index) : Property(s, segment.Property!);
        }

        return s;
    }

    private readonly record struct Segment(bool IsArray, int Index, string? Property);
}
