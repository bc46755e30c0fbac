using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;

namespace Cadence.Json;

/// <summary>
/// Maps a parsed JSON document to values, collecting every problem (with its path and line) instead of stopping at
/// the first: a value that cannot be read is reported and left out, and reading goes on.
/// </summary>
internal sealed class JsonElementReader
{
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private readonly JsonLocations locations;
    private readonly JsonSerializerOptions noda;

    public JsonElementReader(JsonLocations locations, IDateTimeZoneProvider zones)
        : this(locations, new JsonSerializerOptions().ConfigureForNodaTime(zones))
    {
    }

    public JsonElementReader(JsonLocations locations, JsonSerializerOptions noda)
    {
        this.locations = locations;
        this.noda = noda;
    }

    /// <summary>Options that read and write NodaTime values with the TZDB zones; shared, as options cache what they learn.</summary>
    public static JsonSerializerOptions TzdbOptions { get; } = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public List<PolicyError> Errors { get; } = [];

    /// <summary>The paths of the errors and every path they lie under.</summary>
    private readonly HashSet<string> errorPaths = new(StringComparer.Ordinal);

    /// <summary>Options that read and write NodaTime values the way this format does.</summary>
    public JsonSerializerOptions NodaOptions => noda;

    public void Error(string path, string message)
    {
        var at = locations.Find(path);
        Errors.Add(PolicyError.AtPath(path, message) with { Line = at?.Line, Column = at?.Column });

        // The error's path and every path it lies under, so that HasErrorsAt is one lookup, not a scan of every error
        // (a file of many bad items would otherwise take a time that grows with the square of its size).
        for (var i = path.Length; i > 0; i = Math.Max(path.LastIndexOf('.', i - 1), path.LastIndexOf('[', i - 1)))
        {
            if (!errorPaths.Add(path[..i]))
            {
                break;
            }
        }
    }

    /// <summary>Whether an error was reported at <paramref name="path"/> or under it (see <see cref="IsAtOrUnder"/>).</summary>
    public bool HasErrorsAt(string path) => errorPaths.Contains(path);

    /// <summary>Whether <paramref name="path"/> is <paramref name="parent"/> or a member or item below it.</summary>
    public static bool IsAtOrUnder(string path, string parent)
        => path == parent || path.StartsWith(parent + ".", StringComparison.Ordinal) || path.StartsWith(parent + "[", StringComparison.Ordinal);

    /// <summary>The properties of an object, rejecting unknown and repeated ones; <see langword="null"/> when it is not an object.</summary>
    public JsonObject? Object(JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, found {Describe(element)}");
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(JsonLocations.Property(path, property.Name), $"unknown property '{property.Name}' (expected one of: {string.Join(", ", allowed.Where(a => a != "$schema"))})");
            }
            else if (!properties.TryAdd(property.Name, property.Value))
            {
                Error(JsonLocations.Property(path, property.Name), $"property '{property.Name}' is given twice");
            }
        }

        return new JsonObject(this, path, properties);
    }

    public ImmutableArray<T> Values<T>(JsonElement element, string path, Func<JsonElement, string, T?> read)
        where T : struct
        => [.. Array(element, path, (e, p) => read(e, p) is { } value ? new Box<T>(value) : null).Select(b => b.Value)];

    public ImmutableArray<T> Array<T>(JsonElement element, string path, Func<JsonElement, string, T?> read)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array, found {Describe(element)}");
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>();
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (read(item, JsonLocations.Item(path, i++)) is { } value)
            {
                items.Add(value);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>Reads an array, keeping the index each read item had in the file.</summary>
    public List<(T Value, int Index)> IndexedArray<T>(JsonElement element, string path, Func<JsonElement, string, T?> read)
        where T : class
    {
        var items = new List<(T, int)>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array, found {Describe(element)}");
            return items;
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (read(item, JsonLocations.Item(path, i)) is { } value)
            {
                items.Add((value, i));
            }

            i++;
        }

        return items;
    }

    public string? String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, found {Describe(element)}");
            return null;
        }

        if (!TryGetString(element, path, out var value))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Error(path, "expected a non-empty string");
            return null;
        }

        return value;
    }

    public int? Int(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value))
        {
            return value;
        }

        Error(path, $"expected a whole number, found {Describe(element)}");
        return null;
    }

    public decimal? Decimal(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            return value;
        }

        Error(path, $"expected a number, found {Describe(element)}");
        return null;
    }

    public bool? Boolean(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                Error(path, $"expected true or false, found {Describe(element)}");
                return null;
        }
    }

    public T? Enum<T>(JsonElement element, string path, FrozenDictionary<string, T> names)
        where T : struct, Enum
    {
        if (String(element, path) is not { } text)
        {
            return null;
        }

        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(path, $"'{text}' is not one of {string.Join(", ", names.OrderBy(n => n.Value).Select(n => n.Key))}");
        return null;
    }

    /// <summary>A NodaTime value read with NodaTime's System.Text.Json converters.</summary>
    public T? Noda<T>(JsonElement element, string path, string expected)
        where T : struct
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                return element.Deserialize<T>(noda);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or NodaTime.Utility.InvalidNodaDataException or NodaTime.TimeZones.DateTimeZoneNotFoundException)
            {
                // Reported below.
            }
        }

        Error(path, $"{(element.ValueKind == JsonValueKind.String ? $"'{element.GetString()}'" : Describe(element))} is not {expected}");
        return null;
    }

    public LocalDate? Date(JsonElement element, string path) => Noda<LocalDate>(element, path, "an ISO 8601 date such as 2026-03-14");

    public Instant? Instant(JsonElement element, string path) => Noda<Instant>(element, path, "an ISO 8601 UTC instant such as 2026-03-09T14:30:00Z");

    public Duration? Duration(JsonElement element, string path) => Noda<Duration>(element, path, "a duration written hours:minutes:seconds, such as 72:00:00 (3 days) or 0:05:00");

    /// <summary>A local time of day, <c>HH:mm</c> (or ISO <c>HH:mm:ss</c>); <c>24:00</c> when <paramref name="endOfDay"/> is allowed.</summary>
    public LocalTime? Time(JsonElement element, string path, bool endOfDay)
    {
        if (String(element, path) is not { } text)
        {
            return null;
        }

        if (endOfDay && text is "24:00" or "24:00:00")
        {
            return LocalTime.Midnight;
        }

        var result = HourMinute.Parse(text);
        if (!result.Success)
        {
            result = LocalTimePattern.ExtendedIso.Parse(text);
        }

        if (result.Success)
        {
            return result.Value;
        }

        Error(path, $"'{text}' is not a time of day such as 08:00{(endOfDay ? " (24:00 for the end of the day)" : string.Empty)}");
        return null;
    }

    /// <summary>A range of local times, <c>{ "from": "08:00", "to": "21:00" }</c>; <c>24:00</c> may end it.</summary>
    public TimeRange? Range(JsonElement element, string path)
    {
        if (Object(element, path, "from", "to") is not { } o)
        {
            return null;
        }

        var from = o.Required("from", (e, p) => Time(e, p, endOfDay: false));
        var to = o.Required("to", (e, p) => Time(e, p, endOfDay: true));
        return from is { } f && to is { } t ? new TimeRange(f, t) : null;
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string '{element.GetString()}'",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>
    /// The string's value; a string that is not valid text — a lone surrogate escape such as <c>\ud800</c>, or bytes
    /// that are not UTF-8 — is a problem at its path, never replaced by other characters.
    /// </summary>
    public bool TryGetString(JsonElement element, string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            Error(path, "the string is not valid text: it holds a lone surrogate escape (\\ud800–\\udfff without its pair) or bytes that are not UTF-8");
            value = null;
            return false;
        }
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Box<T>(T Value);
}
