using System.Text;

namespace Cadence.Json;

/// <summary>
/// Splits JSON Lines text into lines the way the format does: at a line feed only. A carriage return before the line
/// feed is dropped (CRLF files); a bare carriage return elsewhere stays in its line, so it can never split one record
/// into two. Not thread-safe.
/// </summary>
internal sealed class JsonLineReader(TextReader reader)
{
    private readonly char[] buffer = new char[16 * 1024];
    private readonly StringBuilder line = new();
    private int position;
    private int length;

    /// <summary>The next line without its line break, or <see langword="null"/> at the end of the text.</summary>
    public string? Next()
    {
        line.Clear();
        var any = false;
        while (true)
        {
            if (position == length)
            {
                length = reader.Read(buffer, 0, buffer.Length);
                position = 0;
                if (length == 0)
                {
                    return any ? Trimmed() : null;
                }
            }

            any = true;
            var end = Array.IndexOf(buffer, '\n', position, length - position);
            if (end < 0)
            {
                line.Append(buffer, position, length - position);
                position = length;
                continue;
            }

            line.Append(buffer, position, end - position);
            position = end + 1;
            return Trimmed();
        }
    }

    private string Trimmed()
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line.Length--;
        }

        return line.ToString();
    }
}
