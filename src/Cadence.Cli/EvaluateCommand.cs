using System.Buffers;
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
    internal const int ChunkRecords = PersonJson.DefaultChunkRecords;

    /// <summary>The most input bytes read into one chunk, so that memory is bounded by chunks, not by the file.</summary>
    internal const long ChunkBytes = PersonJson.DefaultChunkBytes;

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
    /// Reads the records chunk by chunk (<see cref="PersonJson.ReadChunksAsync"/>) while the previous chunk is evaluated
    /// (in parallel) and written in input order: memory holds at most three chunks, whatever the file's size. Decisions
    /// are written as UTF-8 straight into a buffer per chunk (<see cref="DecisionJson.WriteLine"/>).
    /// </summary>
    private static int Stream(CadenceEngine engine, FileStream input, FileInfo file, Instant now, TextWriter writer, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var length = input.Length;
        var progress = Progress.OnTerminal(console);
        var output = new Utf8Output(writer);
        var bytes = new ArrayBufferWriter<byte>(1 << 20);
        var written = 0L;
        try
        {
            foreach (var chunk in PersonJson.ReadChunksAsync(input, ChunkRecords, ChunkBytes, PersonJson.DefaultMaxLineBytes, cancellationToken).ToBlockingEnumerable(cancellationToken))
            {
                bytes.ResetWrittenCount();
                foreach (var decision in chunk.Evaluate(engine, now, cancellationToken))
                {
                    DecisionJson.WriteLine(bytes, decision);
                }

                output.Write(bytes.WrittenSpan);
                written += chunk.Records.Count;
                progress?.Report(written, chunk.BytesRead, length);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            progress?.Done();
            console.Error.WriteLine($"cadence: cannot read {file}: {e.Message}");
            return CliApp.Usage;
        }

        progress?.Done();
        return CliApp.Success;
    }
}
