using Cadence.Cli;

// Buffered, UTF-8 without a byte order mark: an evaluation writes a line per account.
using var stdout = new StreamWriter(Console.OpenStandardOutput());
return await CliApp.RunAsync(args, stdout, Console.Error).ConfigureAwait(false);
