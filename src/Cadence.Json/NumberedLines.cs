using System.Globalization;

namespace Cadence.Json;

/// <summary>
/// The non-blank lines of a JSON Lines input, each read into a record with its line number: written once for every
/// reader of records (accounts, persons), from bytes or from text. A line longer than the limit is a record of its
/// problem, in its place, and is never held in memory whole.
/// </summary>
internal static class NumberedLines
{
    /// <summary>The longest line read by default: 4 MiB, far more than a borrower with a long history needs.</summary>
    public const int DefaultMaxLineBytes = 4 * 1024 * 1024;

    /// <summary>A record read from the bytes of one line, and its line number.</summary>
    public delegate T FromBytes<out T>(ReadOnlySpan<byte> utf8, int line);

    /// <summary>The records of the UTF-8 lines of <paramref name="utf8"/> (split by <see cref="Utf8LineReader"/>), read as they are enumerated.</summary>
    /// <exception cref="InvalidDataException">The input is UTF-16 or UTF-32 (when enumerated).</exception>
    public static IEnumerable<T> Read<T>(Stream utf8, FromBytes<T> read, Func<int, IEnumerable<PolicyError>, T> failed, int maxLineBytes)
        => ReadWithOffsets(utf8, read, failed, maxLineBytes).Select(static r => r.Record);

    /// <summary>
    /// The records of the UTF-8 lines of <paramref name="utf8"/>, as <see cref="Read{T}(Stream, FromBytes{T}, Func{int, IEnumerable{PolicyError}, T}, int)"/>
    /// reads them, each with the bytes of the input consumed through its line's end.
    /// </summary>
    /// <exception cref="InvalidDataException">The input is UTF-16 or UTF-32 (when enumerated).</exception>
    public static IEnumerable<(T Record, long Consumed)> ReadWithOffsets<T>(Stream utf8, FromBytes<T> read, Func<int, IEnumerable<PolicyError>, T> failed, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        return Lines(utf8, read, failed, maxLineBytes);

        static IEnumerable<(T, long)> Lines(Stream utf8, FromBytes<T> read, Func<int, IEnumerable<PolicyError>, T> failed, int maxLineBytes)
        {
            var number = 0;
            var lines = new Utf8LineReader(utf8, maxLineBytes);
            while (lines.Next(out var bytes, out var size))
            {
                number++;
                if (size > maxLineBytes)
                {
                    yield return (failed(number, [TooLong(size, maxLineBytes, "bytes")]), lines.Consumed);
                }
                else if (!bytes.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    yield return (read(bytes.Span, number), lines.Consumed);
                }
            }
        }
    }

    /// <summary>The records of the text lines of <paramref name="reader"/> (split by <see cref="JsonLineReader"/>), read as they are enumerated.</summary>
    public static IEnumerable<T> Read<T>(TextReader reader, Func<string, int, T> read, Func<int, IEnumerable<PolicyError>, T> failed, int maxLineChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineChars, 1);
        return Lines(reader, read, failed, maxLineChars);

        static IEnumerable<T> Lines(TextReader reader, Func<string, int, T> read, Func<int, IEnumerable<PolicyError>, T> failed, int maxLineChars)
        {
            var number = 0;
            var lines = new JsonLineReader(reader, maxLineChars);
            while (lines.Next(out var text, out var size))
            {
                number++;
                if (size > maxLineChars)
                {
                    yield return failed(number, [TooLong(size, maxLineChars, "characters")]);
                }
                else if (!string.IsNullOrWhiteSpace(text))
                {
                    yield return read(text, number);
                }
            }
        }
    }

    /// <summary>The problem of a line over the limit, at the line's start (the reader's <c>failed</c> gives it its line number).</summary>
    private static PolicyError TooLong(long size, int limit, string unit)
        => PolicyError.AtPath("$", string.Create(CultureInfo.InvariantCulture, $"the line is {size} {unit} long, over the limit of {limit} {unit}: it was not read"));
}
