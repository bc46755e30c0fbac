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

    /// <summary>
    /// The holiday files the policy names, by the names it gives them, with their UTF-8 text: when set, they are read
    /// from here and never from the disk (e.g. a policy and its files kept together as evidence). A name the policy
    /// gives that is not here is a problem at its path.
    /// </summary>
    public IReadOnlyDictionary<string, string>? HolidayFiles { get; init; }

    /// <summary>Holidays the host supplies beside those the file names (e.g. from its own calendar service).</summary>
    public IHolidayCalendar? Holidays { get; init; }
}
