using System.Text;

namespace Cadence.Json;

/// <summary>
/// Splits JSON Lines text into lines the way the format does: at a line feed only. A carriage return before the line
/// feed is dropped (CRLF files); a bare carriage return elsewhere stays in its line, so it can never split one record
/// into two. A line longer than the limit is skipped to its end without being kept. Not thread-safe.
/// </summary>
/// <param name="reader">The text.</param>
/// <param name="maxLineChars">The longest line kept, in characters; a longer one is reported by its length only.</param>
internal sealed class JsonLineReader(TextReader reader, int maxLineChars)
{
    private readonly char[] buffer = new char[16 * 1024];
    private readonly StringBuilder line = new();
    private int position;
    private int length;

    /// <summary>Reads the next line.</summary>
    /// <param name="text">The line without its line break; empty when it is longer than the limit.</param>
    /// <param name="size">The line's length in characters, line break excluded.</param>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool Next(out string text, out long size)
    {
        line.Clear();
        size = 0;
        var any = false;
        while (true)
        {
            if (position == length)
            {
                length = reader.Read(buffer, 0, buffer.Length);
                position = 0;
                if (length == 0)
                {
                    text = any ? Trimmed(ref size) : string.Empty;
                    return any;
                }
            }

            any = true;
            var end = Array.IndexOf(buffer, '\n', position, length - position);
            var count = (end < 0 ? length : end) - position;
            if (size + count <= maxLineChars + 1L)
            {
                // One character beyond the limit is kept, for a carriage return before the line feed.
                line.Append(buffer, position, count);
            }

            size += count;
            if (end < 0)
            {
                position = length;
                continue;
            }

            position = end + 1;
            text = Trimmed(ref size);
            return true;
        }
    }

    /// <summary>The line kept, without the carriage return before its line feed; empty when it is longer than the limit.</summary>
    private string Trimmed(ref long size)
    {
        if (size > 0 && size == line.Length && line[^1] == '\r')
        {
            size--;
            line.Length--;
        }

        return size > maxLineChars ? string.Empty : line.ToString();
    }
}
