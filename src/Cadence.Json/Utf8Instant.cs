using NodaTime;
using NodaTime.Text;

namespace Cadence.Json;

/// <summary>
/// Writes and reads instants as UTF-8 text in the form records use, <see cref="InstantPattern.ExtendedIso"/>
/// (<c>2026-03-08T15:30:00Z</c>, a fraction of a second only when there is one, its trailing zeros left out), straight
/// into and out of a span: no string is made. Years outside 1–9999 are left to the pattern, as is any text a plain form
/// does not read.
/// </summary>
internal static class Utf8Instant
{
    /// <summary>The most bytes an instant takes: <c>-yyyy-MM-ddTHH:mm:ss.fffffffffZ</c> (the sign for years before 1).</summary>
    public const int MaxLength = 31;

    private const long SecondsPerDay = 86_400;

    /// <summary>Writes <paramref name="instant"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <returns>The number of bytes written.</returns>
    public static int Format(Instant instant, Span<byte> destination)
    {
        var utc = instant.InUtc().LocalDateTime;
        if (utc.Year is < 1 or > 9999)
        {
            return System.Text.Encoding.UTF8.GetBytes(InstantPattern.ExtendedIso.Format(instant), destination);
        }

        Digits(destination, utc.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination[5..], utc.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination[8..], utc.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination[11..], utc.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination[14..], utc.Minute, 2);
        destination[16] = (byte)':';
        Digits(destination[17..], utc.Second, 2);
        var length = 19;
        var fraction = utc.NanosecondOfSecond;
        if (fraction != 0)
        {
            var digits = 9;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            destination[length++] = (byte)'.';
            Digits(destination[length..], fraction, digits);
            length += digits;
        }

        destination[length++] = (byte)'Z';
        return length;
    }

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="count"/> decimal digits, zero-padded.</summary>
    private static void Digits(Span<byte> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>
    /// Reads the plain form <c>uuuu-MM-ddTHH:mm:ss[.f…]Z</c> (1 to 9 digits of fraction after a period), to the instant
    /// <see cref="InstantPattern.ExtendedIso"/> reads from it; anything else is not read here.
    /// </summary>
    /// <param name="utf8">The text.</param>
    /// <param name="instant">The instant read.</param>
    /// <returns><see langword="false"/> when the text is not in the plain form or names no date or time of day.</returns>
    public static bool TryParsePlain(ReadOnlySpan<byte> utf8, out Instant instant)
    {
        instant = default;
        if (utf8.Length < 20 || utf8[^1] != 'Z' || !TryParseDate(utf8[..10], out var year, out var month, out var day) || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':')
        {
            return false;
        }

        // Each digit's value; a byte that is no digit is over 9 (as unsigned).
        uint h1 = utf8[11] - (uint)'0', h2 = utf8[12] - (uint)'0', m1 = utf8[14] - (uint)'0', m2 = utf8[15] - (uint)'0';
        uint s1 = utf8[17] - (uint)'0', s2 = utf8[18] - (uint)'0';
        if ((h1 > 9) | (h2 > 9) | (m1 > 9) | (m2 > 9) | (s1 > 9) | (s2 > 9))
        {
            return false;
        }

        uint hour = (h1 * 10) + h2, minute = (m1 * 10) + m2, second = (s1 * 10) + s2;
        var nanos = 0;
        if (utf8.Length > 20)
        {
            var fraction = utf8[20..^1];
            if (utf8[19] != '.' || fraction.Length is < 1 or > 9 || !TryDigits(fraction, out nanos))
            {
                return false;
            }

            for (var i = fraction.Length; i < 9; i++)
            {
                nanos *= 10;
            }
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUnixTimeSeconds((DaysSinceEpoch(year, month, day) * SecondsPerDay) + (hour * 3600) + (minute * 60) + second);
        if (nanos != 0)
        {
            instant = instant.PlusNanoseconds(nanos);
        }

        return true;
    }

    /// <summary>Reads a date <c>uuuu-MM-dd</c> (years 0000–9999) as the ISO calendar does.</summary>
    /// <param name="utf8">The text.</param>
    /// <param name="date">The date read.</param>
    /// <returns><see langword="false"/> when the text is not in that form or names no date.</returns>
    public static bool TryParsePlainDate(ReadOnlySpan<byte> utf8, out LocalDate date)
    {
        date = default;
        if (!TryParseDate(utf8, out var year, out var month, out var day))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    /// <summary>The year, month and day of a date <c>uuuu-MM-dd</c> that the ISO calendar has.</summary>
    private static bool TryParseDate(ReadOnlySpan<byte> utf8, out int year, out int month, out int day)
    {
        year = month = day = 0;
        if (utf8.Length != 10 || utf8[4] != '-' || utf8[7] != '-')
        {
            return false;
        }

        // Each digit's value; a byte that is no digit is over 9 (as unsigned).
        uint y1 = utf8[0] - (uint)'0', y2 = utf8[1] - (uint)'0', y3 = utf8[2] - (uint)'0', y4 = utf8[3] - (uint)'0';
        uint mo1 = utf8[5] - (uint)'0', mo2 = utf8[6] - (uint)'0', d1 = utf8[8] - (uint)'0', d2 = utf8[9] - (uint)'0';
        if ((y1 > 9) | (y2 > 9) | (y3 > 9) | (y4 > 9) | (mo1 > 9) | (mo2 > 9) | (d1 > 9) | (d2 > 9))
        {
            return false;
        }

        year = (int)((y1 * 1000) + (y2 * 100) + (y3 * 10) + y4);
        month = (int)((mo1 * 10) + mo2);
        day = (int)((d1 * 10) + d2);
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    /// <summary>Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by arithmetic (days from the civil date).</summary>
    private static long DaysSinceEpoch(int year, int month, int day)
    {
        // Years counted from March, so that a leap day ends its year; eras of 400 years (146 097 days).
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097L) + dayOfEra - 719_468;
    }

    private static int DaysInMonth(int year, int month)
        => month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

    /// <summary>Reads decimal digits only (at most 9).</summary>
    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
