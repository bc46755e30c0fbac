using NodaTime;
using NodaTime.Text;

namespace Cadence.Json;

/// <summary>
/// Writes an instant as UTF-8 text in the form records use, <see cref="InstantPattern.ExtendedIso"/>
/// (<c>2026-03-08T15:30:00Z</c>, a fraction of a second only when there is one, its trailing zeros left out), straight
/// into a span: no string is made. Years outside 1–9999 are left to the pattern.
/// </summary>
internal static class Utf8Instant
{
    /// <summary>The most bytes an instant takes: <c>yyyy-MM-ddTHH:mm:ss.fffffffffZ</c>.</summary>
    public const int MaxLength = 30;

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
}
