using System.Text;

namespace Cadence.Cli;

/// <summary>
/// Writes UTF-8 bytes to a command's output: straight to the stream under a UTF-8 <see cref="StreamWriter"/> (the
/// standard output, an output file), after what the writer holds; decoded into any other writer (a test's).
/// </summary>
/// <param name="writer">The output.</param>
internal sealed class Utf8Output(TextWriter writer)
{
    private readonly Stream? stream = writer is StreamWriter { Encoding: UTF8Encoding { Preamble.Length: 0 } } utf8 ? utf8.BaseStream : null;

    /// <summary>Writes <paramref name="utf8"/>.</summary>
    /// <param name="utf8">Bytes of UTF-8 text.</param>
    public void Write(ReadOnlySpan<byte> utf8)
    {
        if (stream is null)
        {
            writer.Write(Encoding.UTF8.GetString(utf8));
            return;
        }

        writer.Flush();
        stream.Write(utf8);
    }
}
