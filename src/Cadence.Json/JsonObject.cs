using System.Text.Json;

namespace Cadence.Json;

/// <summary>The properties of one JSON object being read.</summary>
internal sealed class JsonObject(JsonElementReader reader, string path, Dictionary<string, JsonElement> properties)
{
    public string Path => path;

    public string PathOf(string name) => JsonLocations.Property(path, name);

    /// <summary>A property that must be present and not null; reports it when it is not.</summary>
    public T? Required<T>(string name, Func<JsonElement, string, T?> read)
    {
        if (!properties.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            reader.Error(path, $"required property '{name}' is missing");
            return default;
        }

        return read(value, PathOf(name));
    }

    /// <summary>A property that must be present but may be null; reports it when it is left out.</summary>
    public T? RequiredOrNull<T>(string name, Func<JsonElement, string, T?> read)
    {
        if (!properties.TryGetValue(name, out var value))
        {
            reader.Error(path, $"required property '{name}' is missing (write null when it has no value)");
            return default;
        }

        return value.ValueKind == JsonValueKind.Null ? default : read(value, PathOf(name));
    }

    /// <summary>A property that may be left out or null.</summary>
    public T? Optional<T>(string name, Func<JsonElement, string, T?> read)
        => properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? read(value, PathOf(name)) : default;

    /// <summary>The property's value, null included; <see langword="false"/> only when it is left out.</summary>
    public bool TryGet(string name, out JsonElement value) => properties.TryGetValue(name, out value);

    public bool Has(string name) => properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Element(string name) => properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
