using System.Buffers;
using System.Globalization;
using System.Text;

namespace Cadence.Cli;

/// <summary>
/// Writes text on to a terminal, a file or a pipe with every control character that could come from input made
/// visible: C0 controls but line feed and tab, DEL, C1 controls and the bidirectional overrides and isolates are written
/// as <c>\u001B</c>. An account id or a file's JSON property name can then never move the cursor, clear the screen,
/// rewrite a line or reorder what a reader sees. JSON written by the tool has no raw control character, so it passes
/// unchanged.
/// </summary>
/// <param name="inner">Where the text goes.</param>
/// <param name="isStandardError">Whether <paramref name="inner"/> is the process's own standard error (for <see cref="Progress"/>).</param>
internal sealed class TerminalText(TextWriter inner, bool isStandardError = false) : TextWriter(CultureInfo.InvariantCulture)
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not '\n' and not '\t').Select(c => (char)c),
         .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => CultureInfo.InvariantCulture;

    /// <summary>Whether this writes to the process's own standard error.</summary>
    public bool IsStandardError { get; } = isStandardError;

    /// <summary>The text as it is written: each unsafe character replaced by its <c>\uXXXX</c> escape.</summary>
    public static string Escape(string text)
    {
        var at = text.AsSpan().IndexOfAny(Unsafe);
        if (at < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, at);
        foreach (var c in text.AsSpan(at))
        {
            if (Unsafe.Contains(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>Writes <paramref name="text"/> as it is, control characters included (the tool's own progress line).</summary>
    public void WriteUnescaped(string text) => inner.Write(text);

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (Unsafe.Contains(value))
        {
            inner.Write(Escape(value.ToString()));
        }
        else
        {
            inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(Escape(value));
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine() => inner.WriteLine();

    /// <inheritdoc />
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Escape(value));

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override Task FlushAsync() => inner.FlushAsync();

    /// <inheritdoc />
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }
}
