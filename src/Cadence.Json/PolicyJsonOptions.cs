using NodaTime;

namespace Cadence.Json;

/// <summary>How policy files are read.</summary>
public sealed record PolicyJsonOptions
{
    /// <summary>The defaults: IANA TZDB zones, holiday files relative to the working directory.</summary>
    public static PolicyJsonOptions Default { get; } = new();

    /// <summary>The zone provider zone ids are resolved with (TZDB by default).</summary>
    public IDateTimeZoneProvider ZoneProvider { get; init; } = DateTimeZoneProviders.Tzdb;

    /// <summary>Where holiday files named by a policy are looked for; the policy file's folder when read with <see cref="PolicyJson.ReadFile"/>.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Holidays the host supplies beside those the file names (e.g. from its own calendar service).</summary>
    public IHolidayCalendar? Holidays { get; init; }
}
