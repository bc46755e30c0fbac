namespace Cadence.Json;

/// <summary>
/// The non-blank lines of a JSON Lines input, each read into a record with its line number: written once for every
/// reader of records (accounts, persons), from bytes or from text.
/// </summary>
internal static class NumberedLines
{
    /// <summary>A record read from the bytes of one line, and its line number.</summary>
    public delegate T FromBytes<out T>(ReadOnlySpan<byte> utf8, int line);

    /// <summary>The records of the UTF-8 lines of <paramref name="utf8"/> (split by <see cref="Utf8LineReader"/>), read as they are enumerated.</summary>
    public static IEnumerable<T> Read<T>(Stream utf8, FromBytes<T> read)
    {
        var number = 0;
        var lines = new Utf8LineReader(utf8);
        while (lines.Next() is { } bytes)
        {
            number++;
            if (!bytes.AsSpan().Trim(" \t\r"u8).IsEmpty)
            {
                yield return read(bytes, number);
            }
        }
    }

    /// <summary>The records of the text lines of <paramref name="reader"/> (split by <see cref="JsonLineReader"/>), read as they are enumerated.</summary>
    public static IEnumerable<T> Read<T>(TextReader reader, Func<string, int, T> read)
    {
        var number = 0;
        var lines = new JsonLineReader(reader);
        while (lines.Next() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return read(text, number);
            }
        }
    }
}
