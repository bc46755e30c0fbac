using System.CommandLine;
using Cadence.Json;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence evaluate</c>: decides for every account and person of a JSON Lines file and writes one JSON Lines decision
/// per line, in input order; a line that cannot be read is an error decision in its place. The file is streamed: read in
/// chunks of records and bytes while the previous chunk is evaluated in parallel and written, so that memory does not
/// grow with the file. The output file, if any, appears whole at the end or not at all.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(IClock clock)
    {
        var policy = CliApp.FileOption("--policy", "The policy file.");
        var accounts = CliApp.FileOption("--accounts", "The accounts, JSON Lines: one account or person per line (blank lines are skipped).");
        var now = CliApp.NowOption(clock);
        var explain = new Option<bool>("--explain") { Description = "Adds each decision's explanation: the candidates and the rules that decided." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Writes the decisions to this file instead of the standard output.", HelpName = "file" };
        var command = new Command("evaluate", "Decides for every account of a JSON Lines file; writes one decision per account, JSON Lines, in order.")
        {
            policy, accounts, now, explain, output,
        };
        command.SetAction((parsed, cancellationToken) => Task.FromResult(Run(
            parsed.GetRequiredValue(policy),
            parsed.GetRequiredValue(accounts),
            parsed.GetValue(now),
            parsed.GetValue(explain),
            parsed.GetValue(output),
            parsed.InvocationConfiguration,
            cancellationToken)));
        return command;
    }

    /// <summary>The most records evaluated together: a chunk ends at this count or at <see cref="ChunkBytes"/> of input.</summary>
    internal const int ChunkRecords = 8192;

    /// <summary>The most input bytes read into one chunk, so that memory is bounded by chunks, not by the file.</summary>
    internal const long ChunkBytes = 8L * 1024 * 1024;

    private static int Run(FileInfo policyFile, FileInfo accountsFile, Instant now, bool explain, FileInfo? outputFile, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var code = CliApp.ReadPolicy(policyFile, console.Error, out var policy);
        if (policy is null)
        {
            return code;
        }

        FileStream input;
        try
        {
            input = new FileStream(accountsFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cadence: cannot read {accountsFile}: {e.Message}");
            return CliApp.Usage;
        }

        using (input)
        {
            var engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = explain, IncludeExplanationsInBatches = explain });
            return AtomicOutput.Write(outputFile, console, writer => Stream(engine, input, accountsFile, now, writer, console, cancellationToken));
        }
    }

    /// <summary>
    /// Reads the records chunk by chunk while the previous chunk is evaluated (in parallel) and written in input order:
    /// memory holds at most three chunks, whatever the file's size.
    /// </summary>
    private static int Stream(CadenceEngine engine, FileStream input, FileInfo file, Instant now, TextWriter writer, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var length = input.Length;
        var position = 0L;  // how far the reader got, for the progress line (the stream itself is the reader's alone)
        var chunks = System.Threading.Channels.Channel.CreateBounded<List<PersonReadResult>>(new System.Threading.Channels.BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(
            () =>
            {
                try
                {
                    var chunk = new List<PersonReadResult>();
                    var start = input.Position;
                    foreach (var record in PersonJson.ReadLines(input))
                    {
                        chunk.Add(record);
                        Volatile.Write(ref position, input.Position);
                        if (chunk.Count >= ChunkRecords || input.Position - start >= ChunkBytes)
                        {
                            chunks.Writer.WriteAsync(chunk, stop.Token).AsTask().GetAwaiter().GetResult();
                            chunk = [];
                            start = input.Position;
                        }
                    }

                    if (chunk.Count > 0)
                    {
                        chunks.Writer.WriteAsync(chunk, stop.Token).AsTask().GetAwaiter().GetResult();
                    }

                    chunks.Writer.Complete();
                }
                catch (Exception e)
                {
                    chunks.Writer.Complete(e);
                }
            },
            CancellationToken.None);

        var progress = Progress.OnTerminal(console);
        var written = 0L;
        try
        {
            while (chunks.Reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                while (chunks.Reader.TryRead(out var chunk))
                {
                    var accounts = engine.EvaluateBatch([.. chunk.Where(r => r.Account is not null).Select(r => r.Account!)], now, cancellationToken);
                    var persons = engine.EvaluateBatch([.. chunk.Where(r => r.Person is not null).Select(r => r.Person!)], now, cancellationToken);
                    var (nextAccount, nextPerson) = (0, 0);
                    foreach (var record in chunk)
                    {
                        var decision = record.Account is not null ? accounts[nextAccount++]
                            : record.Person is not null ? persons[nextPerson++]
                            : record.ToErrorDecision();
                        writer.Write(DecisionJson.Write(decision));
                        writer.Write('\n');
                    }

                    written += chunk.Count;
                    progress?.Report(written, Volatile.Read(ref position), length);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            progress?.Done();
            console.Error.WriteLine($"cadence: cannot read {file}: {e.Message}");
            return CliApp.Usage;
        }
        finally
        {
            // Whatever ended the loop, the reader stops too.
            stop.Cancel();
            reading.Wait(CancellationToken.None);
        }

        progress?.Done();
        return CliApp.Success;
    }
}
