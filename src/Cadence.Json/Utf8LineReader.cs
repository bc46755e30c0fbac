namespace Cadence.Json;

/// <summary>
/// Splits UTF-8 JSON Lines into lines of bytes, at a line feed only (a carriage return just before it is dropped; a byte
/// order mark at the very start is skipped). Bytes are not decoded here, so that a line that is not UTF-8 is reported
/// by the reader, in its place, and never silently replaced. Not thread-safe.
/// </summary>
internal sealed class Utf8LineReader(Stream stream)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly MemoryStream line = new();
    private int position;
    private int length;
    private bool started;

    /// <summary>The next line's bytes without its line break, or <see langword="null"/> at the end.</summary>
    public byte[]? Next()
    {
        line.SetLength(0);
        var any = false;
        while (true)
        {
            if (position == length)
            {
                length = stream.Read(buffer, 0, buffer.Length);
                position = 0;
                if (!started && length >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                {
                    position = 3;
                }

                started = true;
                if (length == 0)
                {
                    return any ? Trimmed() : null;
                }
            }

            any = true;
            var end = Array.IndexOf(buffer, (byte)'\n', position, length - position);
            if (end < 0)
            {
                line.Write(buffer, position, length - position);
                position = length;
                continue;
            }

            line.Write(buffer, position, end - position);
            position = end + 1;
            return Trimmed();
        }
    }

    private byte[] Trimmed()
    {
        var bytes = line.ToArray();
        return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
    }
}
