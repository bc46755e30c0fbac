using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Cadence.Cli;

/// <summary>
/// A progress line on the standard error, rewritten at most once a second, only when the standard error is a terminal
/// (never in a log or a pipe): records done, share of the input read, records per second.
/// </summary>
internal sealed class Progress
{
    private readonly TerminalText error;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private TimeSpan last;
    private bool shown;

    private Progress(TerminalText error) => this.error = error;

    /// <summary>A progress line, or none when the standard error is redirected or is not the process's own.</summary>
    public static Progress? OnTerminal(InvocationConfiguration console)
        => console.Error is TerminalText { IsStandardError: true } error && !Console.IsErrorRedirected ? new Progress(error) : null;

    /// <summary>Shows the progress, if a second has passed since it was last shown.</summary>
    public void Report(long records, long position, long length)
    {
        var now = elapsed.Elapsed;
        if (now - last < TimeSpan.FromSeconds(1))
        {
            return;
        }

        last = now;
        shown = true;
        var share = length > 0 ? 100.0 * position / length : 100.0;
        error.WriteUnescaped(string.Create(CultureInfo.InvariantCulture, $"\rcadence: {records:N0} records, {share:0}% of the input, {records / Math.Max(now.TotalSeconds, 0.001):N0}/s   "));
        error.Flush();
    }

    /// <summary>Ends the progress line, if one was shown.</summary>
    public void Done()
    {
        if (shown)
        {
            error.WriteLine();
        }
    }
}
