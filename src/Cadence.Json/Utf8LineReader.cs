namespace Cadence.Json;

/// <summary>
/// Splits UTF-8 JSON Lines into lines of bytes, at a line feed only (a carriage return just before it is dropped; a byte
/// order mark at the very start is skipped). Bytes are not decoded here, so that a line that is not UTF-8 is reported
/// by the reader, in its place, and never silently replaced. A line longer than the limit is skipped to its end without
/// being kept, so that no input holds more than the limit in memory. Not thread-safe.
/// </summary>
/// <param name="stream">The bytes.</param>
/// <param name="maxLineBytes">The longest line kept, in bytes; a longer one is reported by its length only.</param>
internal sealed class Utf8LineReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly MemoryStream line = new();
    private int position;
    private int length;
    private bool started;

    /// <summary>The bytes of the input consumed so far: through the line break of the last line returned (a byte order mark included).</summary>
    public long Consumed { get; private set; }

    /// <summary>Reads the next line.</summary>
    /// <param name="bytes">
    /// The line's bytes without its line break, valid until the next call (a line that lies in the reader's buffer is not
    /// copied); empty when it is longer than the limit.
    /// </param>
    /// <param name="size">The line's length in bytes, line break excluded (more than the limit: <paramref name="bytes"/> is empty).</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    /// <exception cref="InvalidDataException">The input is UTF-16 or UTF-32, not UTF-8.</exception>
    public bool Next(out ReadOnlyMemory<byte> bytes, out long size)
    {
        line.SetLength(0);
        size = 0;
        var any = false;
        while (true)
        {
            if (position == length)
            {
                length = stream.Read(buffer, 0, buffer.Length);
                position = 0;
                if (!started)
                {
                    Start();
                }

                if (length == 0)
                {
                    bytes = any ? Kept(ref size) : ReadOnlyMemory<byte>.Empty;
                    return any;
                }
            }

            var end = Array.IndexOf(buffer, (byte)'\n', position, length - position);
            var count = (end < 0 ? length : end) - position;
            Consumed += count + (end < 0 ? 0 : 1);
            if (!any && end >= 0)
            {
                // The whole line is in the buffer: handed out where it lies.
                size = count;
                bytes = WithoutCarriageReturn(buffer.AsMemory(position, count), ref size);
                position = end + 1;
                return true;
            }

            any = true;
            if (size + count <= maxLineBytes + 1L)
            {
                // One byte beyond the limit is kept, for a carriage return before the line feed.
                line.Write(buffer, position, count);
            }

            size += count;
            if (end < 0)
            {
                position = length;
                continue;
            }

            position = end + 1;
            bytes = Kept(ref size);
            return true;
        }
    }

    /// <summary>Skips a UTF-8 byte order mark; refuses UTF-16 and UTF-32, by their marks or by the zero bytes of their first character.</summary>
    private void Start()
    {
        started = true;
        var head = buffer.AsSpan(0, length);
        var encoding = head switch
        {
            [0xFF, 0xFE, 0, 0, ..] => "UTF-32 (little-endian)",
            [0, 0, 0xFE, 0xFF, ..] => "UTF-32 (big-endian)",
            [0xFF, 0xFE, ..] => "UTF-16 (little-endian)",
            [0xFE, 0xFF, ..] => "UTF-16 (big-endian)",
            [not 0, 0, 0, 0, ..] => "UTF-32 (little-endian)",
            [0, 0, 0, not 0, ..] => "UTF-32 (big-endian)",
            [not 0, 0, ..] => "UTF-16 (little-endian)",
            [0, not 0, ..] => "UTF-16 (big-endian)",
            _ => null,
        };
        if (encoding is not null)
        {
            throw new InvalidDataException($"the input is {encoding}, not UTF-8: write JSON Lines in UTF-8");
        }

        if (head.StartsWith("\uFEFF"u8))
        {
            position = 3;
            Consumed = 3;
        }
    }

    /// <summary>The line kept across reads, without the carriage return before its line feed; empty when it is longer than the limit.</summary>
    private ReadOnlyMemory<byte> Kept(ref long size)
        => size == line.Length ? WithoutCarriageReturn(line.GetBuffer().AsMemory(0, (int)size), ref size) : ReadOnlyMemory<byte>.Empty;

    /// <summary>The line without the carriage return before its line feed; empty when it is longer than the limit.</summary>
    private ReadOnlyMemory<byte> WithoutCarriageReturn(ReadOnlyMemory<byte> bytes, ref long size)
    {
        if (size > 0 && bytes.Span[^1] == (byte)'\r')
        {
            size--;
            bytes = bytes[..^1];
        }

        return size > maxLineBytes ? ReadOnlyMemory<byte>.Empty : bytes;
    }
}
