using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using Cadence.Json;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Cli;

/// <summary>
/// The <c>cadence</c> command line: its commands, the options they share, and its exit codes. Results go to the
/// output writer, problems to the error writer; nothing depends on the machine's culture, and the clock the composition
/// root supplies is read only when asked for with <c>--now now</c>.
/// </summary>
internal static class CliApp
{
    /// <summary>The command did what it was asked (error decisions among the accounts included).</summary>
    public const int Success = 0;

    /// <summary>
    /// A policy, holiday or account file has problems, each printed with its line and JSON path; or the compliance
    /// checker found contacts of a simulation that broke a rule.
    /// </summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong, or a file cannot be read.</summary>
    public const int Usage = 2;

    /// <summary><c>check</c>: the proposed contact is not allowed at the instant asked about.</summary>
    public const int NotAllowed = 3;

    /// <summary><c>ledger audit</c>, <c>ledger erase</c>: the ledger holds nothing about the person.</summary>
    public const int NotFound = 4;

    /// <summary><c>ledger replay</c>: the stored decision, evaluated again, gives another decision.</summary>
    public const int ReplayDifferent = 5;

    /// <summary><c>ledger replay</c>: the decision cannot be replayed (no such decision, inputs purged, policy missing or altered, another time-zone database).</summary>
    public const int ReplayRefused = 6;

    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, without the program's name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where problems go.</param>
    /// <param name="clock">The clock <c>--now now</c> reads.</param>
    /// <param name="cancellationToken">Stops an evaluation.</param>
    /// <param name="environment">Reads an environment variable (<c>ledger erase</c>'s key); the process's when <see langword="null"/>.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IClock clock, CancellationToken cancellationToken = default, Func<string, string?>? environment = null)
    {
        // Nothing read from input reaches a terminal as a control character.
        stdout = new TerminalText(stdout);
        stderr = new TerminalText(stderr, isStandardError: ReferenceEquals(stderr, Console.Error));
        var root = new RootCommand("Decides the next allowed contact for loan accounts under a contact policy.")
        {
            ValidateCommand.Create(),
            EvaluateCommand.Create(clock),
            ExplainCommand.Create(clock),
            CheckCommand.Create(clock),
            PacksCommand.Create(),
            GenerateCommand.Create(),
            SimulateCommand.Create(),
            LedgerCommand.Create(clock, environment ?? Environment.GetEnvironmentVariable),
        };
        root.HelpName = "cadence";

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"cadence: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'cadence --help' for usage.").ConfigureAwait(false);
            return Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An option naming a file that must exist.</summary>
    public static Option<FileInfo> FileOption(string name, string description) =>
        new Option<FileInfo>(name) { Description = description, Required = true, HelpName = "file" }.AcceptExistingOnly();

    /// <summary>
    /// <c>--now</c>: the evaluation instant, ISO 8601 in UTC or with an offset; <c>now</c> reads <paramref name="clock"/>,
    /// the only place the tool does.
    /// </summary>
    public static Option<Instant> NowOption(IClock clock) => new("--now")
    {
        Description = "The evaluation instant, ISO 8601: 2026-03-09T14:30:00Z or 2026-03-09T10:30:00-04:00; 'now' for the system clock.",
        HelpName = "instant",
        Required = true,
        CustomParser = result => ParseInstant(result, clock),
    };

    /// <summary>Parses an instant option's value, ISO 8601 in UTC or with an offset; <c>now</c> reads <paramref name="clock"/>, when there is one.</summary>
    /// <param name="result">The option's argument.</param>
    /// <param name="clock">The clock <c>now</c> reads; <see langword="null"/> where <c>now</c> is not allowed.</param>
    /// <returns>The instant; on an error, which is added to <paramref name="result"/>, the default.</returns>
    public static Instant ParseInstant(ArgumentResult result, IClock? clock)
    {
        var text = result.Tokens[0].Value;
        if (clock is not null && text == "now")
        {
            return clock.GetCurrentInstant();
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            return instant.Value;
        }

        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset)
        {
            return offset.Value.ToInstant();
        }

        var name = (result.Parent as OptionResult)?.Option.Name ?? "instant";
        result.AddError($"{name}: '{text}' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z{(clock is null ? string.Empty : ", nor 'now'")}");
        return default;
    }

    /// <summary>Reads a policy file, printing its problems (each prefixed by the file's name) to <paramref name="stderr"/>.</summary>
    /// <returns><see cref="Success"/> with the policy, or the exit code.</returns>
    public static int ReadPolicy(FileInfo file, TextWriter stderr, out CadencePolicy? policy)
    {
        policy = null;
        if (!TryRead(file, stderr, () => PolicyJson.ReadFile(file.FullName), out var result))
        {
            return Usage;
        }

        PrintProblems(file, result.Errors, stderr);
        policy = result.Policy;
        return policy is null ? Invalid : Success;
    }

    /// <summary>At most this many problems of one file are printed; the count of the others follows.</summary>
    public const int MaxProblemsShown = 100;

    /// <summary>Prints a file's problems, at most <see cref="MaxProblemsShown"/>, then how many more there are.</summary>
    public static void PrintProblems<T>(FileInfo file, IReadOnlyList<T> problems, TextWriter stderr)
    {
        foreach (var problem in problems.Take(MaxProblemsShown))
        {
            stderr.WriteLine($"{file}: {problem}");
        }

        if (problems.Count > MaxProblemsShown)
        {
            stderr.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file}: and {problems.Count - MaxProblemsShown} more"));
        }
    }

    /// <summary>Runs <paramref name="read"/>, reporting a file that cannot be read as a usage error.</summary>
    public static bool TryRead<T>(FileInfo file, TextWriter stderr, Func<T> read, [NotNullWhen(true)] out T? value)
        where T : class
    {
        try
        {
            value = read();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"cadence: cannot read {file}: {e.Message}");
            value = default;
            return false;
        }
    }

    /// <summary>Reads a JSON Lines file of accounts: one result per non-blank line.</summary>
    public static List<AccountReadResult> ReadAccountLines(FileInfo file)
    {
        using var stream = file.OpenRead();
        return [.. AccountJson.ReadLines(stream)];
    }

    /// <summary>Reads a JSON Lines file of accounts and persons: one result per non-blank line.</summary>
    public static List<PersonReadResult> ReadRecordLines(FileInfo file)
    {
        using var stream = file.OpenRead();
        return [.. PersonJson.ReadLines(stream)];
    }

    /// <summary>
    /// Reads the accounts and persons of <paramref name="file"/>: a JSON Lines file (<c>.jsonl</c>, <c>.ndjson</c>), or
    /// a JSON file holding one record, which may span several lines.
    /// </summary>
    public static List<PersonReadResult> ReadAccountFile(FileInfo file)
    {
        if (file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return ReadRecordLines(file);
        }

        return [PersonJson.Read(File.ReadAllText(file.FullName))];
    }

    /// <summary>
    /// Reads <paramref name="file"/> and picks the one account or person <paramref name="id"/> names (the only record
    /// when no id is given), printing why when it cannot: the file's problems, the record's problems.
    /// </summary>
    /// <returns><see cref="Success"/> with the record read without problems, or the exit code.</returns>
    public static int ReadOneRecord(FileInfo file, string? id, TextWriter stderr, out PersonReadResult? record)
    {
        record = null;
        if (!TryRead(file, stderr, () => ReadAccountFile(file), out var records))
        {
            return Usage;
        }

        var matches = records.Where(r => id is null || r.Id == id).ToList();
        if (matches.Count != 1)
        {
            stderr.WriteLine(id is null
                ? $"cadence: {file} holds {records.Count} accounts: choose one with --id"
                : $"cadence: {file} holds {matches.Count} readable accounts with id '{id}'");
            return Usage;
        }

        foreach (var error in matches[0].Errors)
        {
            stderr.WriteLine($"{file}: {error}");
        }

        if (!matches[0].Success)
        {
            return Invalid;
        }

        record = matches[0];
        return Success;
    }
}
