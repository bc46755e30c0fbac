using Cadence.Cli;

// Buffered, UTF-8 without a byte order mark: an evaluation writes a line per account.
using var stdout = new StreamWriter(Console.OpenStandardOutput());
#pragma warning disable RS0030 // the composition root is the one place that may read the system clock
var clock = NodaTime.SystemClock.Instance; // allowed: read only when asked for with --now now
#pragma warning restore RS0030
return await CliApp.RunAsync(args, stdout, Console.Error, clock).ConfigureAwait(false);
