using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Cadence.Json;

/// <summary>
/// Reads and writes holiday calendar files: a name, the region, where the dates come from, and the list of dates
/// (ISO 8601). A policy file names such files under <c>holidayFiles</c>, or lists calendars inline under
/// <c>holidays</c> in the same shape.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class HolidayCalendarJson
{
    private static readonly string[] Properties = ["$schema", "name", "region", "source", "dates"];

    /// <summary>Reads a holiday calendar from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <returns>The calendar, or every problem found.</returns>
    public static HolidayCalendarReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        if (!PolicyJsonReader.TryParse(utf8Json, out var document, out var syntaxError))
        {
            return new HolidayCalendarReadResult(null, [syntaxError!]);
        }

        using (document)
        {
            var r = new JsonElementReader(JsonLocations.Index(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }), DateTimeZoneProviders.Tzdb);
            var calendar = ReadCalendar(r, document!.RootElement, "$");
            return new HolidayCalendarReadResult(r.Errors.Count == 0 ? calendar : null, [.. r.Errors]);
        }
    }

    /// <summary>Loads a holiday calendar file, throwing when it has problems.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="PolicyValidationException">The file has problems; every one is listed with its path and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HolidayCalendar Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var result = Read(File.ReadAllBytes(path));
        return result.Calendar ?? throw new PolicyValidationException(Path.GetFileName(path), result.Errors);
    }

    /// <summary>Writes a holiday calendar file.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <param name="region">The region it is for, e.g. <c>RU</c>; left out when <see langword="null"/>.</param>
    /// <param name="source">Where the dates come from; left out when <see langword="null"/>.</param>
    /// <returns>The indented JSON text.</returns>
    public static string Write(HolidayCalendar calendar, string? region = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteCalendar(w, calendar, new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb), region, source);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static HolidayCalendar? ReadCalendar(JsonElementReader r, JsonElement element, string path)
    {
        if (r.Object(element, path, Properties) is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        o.Optional("region", r.String);
        o.Optional("source", r.String);
        var dates = o.Required("dates", (e, p) => r.Values(e, p, (x, xp) => r.Date(x, xp)));
        var seen = new HashSet<LocalDate>();
        if (o.Element("dates") is { } list && list.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = JsonLocations.Item(o.PathOf("dates"), i++);
                if (item.ValueKind == JsonValueKind.String && LocalDateText(item) is { } date && !seen.Add(date))
                {
                    r.Error(at, $"{date:uuuu-MM-dd} is listed twice");
                }
            }
        }

        return name is null || r.HasErrorsAt(path) ? null : HolidayCalendar.FromDates(name, dates);

        static LocalDate? LocalDateText(JsonElement e)
            => NodaTime.Text.LocalDatePattern.Iso.Parse(e.GetString()!) is { Success: true } parsed ? parsed.Value : null;
    }

    internal static void WriteCalendar(Utf8JsonWriter w, HolidayCalendar calendar, JsonSerializerOptions noda, string? region = null, string? source = null)
    {
        w.WriteStartObject();
        w.WriteString("name", calendar.Name);
        if (region is not null)
        {
            w.WriteString("region", region);
        }

        if (source is not null)
        {
            w.WriteString("source", source);
        }

        w.WriteStartArray("dates");
        foreach (var date in calendar.Dates)
        {
            JsonSerializer.Serialize(w, date, noda);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
