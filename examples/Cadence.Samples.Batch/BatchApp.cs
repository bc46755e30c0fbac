using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Cadence.Json;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Cadence.Samples.Batch;

/// <summary>
/// The portfolio batch: generates or reads persons (or accounts, each a person of one account) a chunk at a time,
/// evaluates each chunk with the engine's batch API into a reused buffer of decisions, one per person, their accounts
/// decided together, shows the progress, and prints the decisions by kind (persons and their accounts) and by channel
/// and the throughput of each phase. The evaluation instant is an argument (a fixed instant by default), never the clock.
/// </summary>
internal static class BatchApp
{
    /// <summary>The run completed.</summary>
    public const int Success = 0;

    /// <summary>The policy file has problems.</summary>
    public const int Invalid = 1;

    /// <summary>The command line is wrong, or a file cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>Stopped with Ctrl+C; the counts so far are printed.</summary>
    public const int Cancelled = 130;

    /// <summary>How many persons are evaluated in one call of the engine.</summary>
    public const int ChunkSize = 40_000;

    /// <summary>
    /// The default evaluation instant: Monday 9 March 2026, 14:30 UTC, the day after US clocks went forward (10:30 in
    /// New York, 07:30 in Los Angeles, 04:30 in Honolulu, where it is quiet hours).
    /// </summary>
    public static readonly Instant DefaultNow = Instant.FromUtc(2026, 3, 9, 14, 30);

    /// <summary>The default seed of the synthetic portfolio.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where the progress and the report go (and the help).</param>
    /// <param name="error">Where problems go.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        var accounts = new Option<int>("--accounts")
        {
            Description = "How many synthetic accounts to generate.",
            HelpName = "count",
            DefaultValueFactory = _ => 1_000_000,
        };
        accounts.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--accounts: between 1 and 10,000,000.");
            }
        });
        var persons = new Option<int>("--persons")
        {
            Description = "Generates this many synthetic persons instead, of one to three accounts each (70/20/10).",
            HelpName = "count",
        };
        persons.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--persons: between 1 and 10,000,000.");
            }
        });
        var input = new Option<FileInfo>("--input")
        {
            Description = "Reads the persons and accounts from this JSON Lines file instead of generating them.",
            HelpName = "file.jsonl",
        }.AcceptExistingOnly();
        var policy = new Option<FileInfo>("--policy")
        {
            Description = "The policy file. Default: the sample lender's US policy (examples/policies/acme-us.policy.json).",
            HelpName = "file",
        }.AcceptExistingOnly();
        var now = new Option<Instant>("--now")
        {
            Description = "The evaluation instant (and the synthetic portfolio's), ISO 8601; never the clock.",
            HelpName = "instant",
            CustomParser = ParseInstant,
            DefaultValueFactory = _ => DefaultNow,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The seed of the synthetic portfolio.",
            HelpName = "seed",
            DefaultValueFactory = _ => DefaultSeed,
        };
        var root = new RootCommand("Evaluates a portfolio of persons and accounts under a policy and prints the decisions by kind and by channel, and the throughput.")
        {
            accounts, persons, input, policy, now, seed,
        };
        root.Validators.Add(r =>
        {
            if (r.GetResult(input) is not null && (r.GetResult(accounts) is { Implicit: false } || r.GetResult(persons) is not null || r.GetResult(seed) is { Implicit: false }))
            {
                r.AddError("--input reads its accounts: --accounts, --persons and --seed are for generated ones.");
            }
            else if (r.GetResult(persons) is not null && r.GetResult(accounts) is { Implicit: false })
            {
                r.AddError("--accounts and --persons: generate one or the other.");
            }
        });
        root.SetAction((parsed, token) =>
        {
            var inputFile = parsed.GetValue(input);
            var policyFile = parsed.GetValue(policy) ?? new FileInfo(Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json"));

            // Started as a task, so that Ctrl+C (which cancels the token, then waits for the task) finds it running.
            var generated = parsed.GetResult(persons) is null ? (Count: parsed.GetValue(accounts), Persons: false) : (Count: parsed.GetValue(persons), Persons: true);
            return Task.Run(() => Run(policyFile, inputFile, generated, parsed.GetValue(seed), parsed.GetValue(now), console, error, token), CancellationToken.None);
        });

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync("Run with --help for the options.");
            return Usage;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error }, cancellationToken);
    }

    private static int Run(FileInfo policyFile, FileInfo? inputFile, (int Count, bool Persons) generated, int seed, Instant now, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        PolicyReadResult read;
        try
        {
            read = PolicyJson.ReadFile(policyFile.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot read {policyFile}: {e.Message}");
            return Usage;
        }

        if (read.Policy is not { } policy)
        {
            foreach (var problem in read.Errors)
            {
                error.WriteLine($"{policyFile.Name}: {problem}");
            }

            return Invalid;
        }

        ICadenceEngine engine = new CadenceEngine(policy);
        using PortfolioSource source = inputFile is null ? new GeneratedPortfolio(generated.Count, now, seed, generated.Persons) : new JsonLinesPortfolio(inputFile);

        console.WriteLine($"{"Policy",-12}{policy}");
        console.WriteLine($"{"Engine",-12}{engine.Description}");
        console.WriteLine($"{"Now",-12}{InstantPattern.ExtendedIso.Format(now)}");
        console.WriteLine($"{"Accounts",-12}{source.Description}");
        console.WriteLine($"{"Processors",-12}{Environment.ProcessorCount}");
        console.WriteLine();

        var tally = new BatchTally();
        var buffer = new Person[ChunkSize];
        var decisions = new Decision[ChunkSize];
        var producing = new Stopwatch();
        var evaluating = new Stopwatch();
        var total = Stopwatch.StartNew();
        var cancelled = false;
        try
        {
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Progress(0), maxValue: Math.Max(1, source.ProgressTotal));
                    while (true)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        producing.Start();
                        var filled = source.Fill(buffer, tally);
                        producing.Stop();
                        if (filled == 0)
                        {
                            break;
                        }

                        evaluating.Start();
                        engine.EvaluateBatch(new ArraySegment<Person>(buffer, 0, filled), decisions.AsMemory(0, filled), now, cancellationToken);
                        evaluating.Stop();
                        tally.Add(buffer.AsSpan(0, filled), decisions.AsSpan(0, filled), now);
                        task.Description = Progress(tally.Total);
                        task.Value = source.Progress;
                    }

                    task.Value = task.MaxValue;
                    task.StopTask();
                });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        total.Stop();
        console.WriteLine();
        if (cancelled)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Cancelled:[/] the tables count the {tally.Total:N0} persons ({tally.Accounts:N0} accounts) evaluated before the stop.");
        }

        console.Write(DecisionsTable(tally));
        console.Write(ChannelsTable(tally));
        console.Write(TimingsTable(source.Phase, tally, producing.Elapsed, evaluating.Elapsed, total.Elapsed));
        foreach (var problem in tally.UnreadableShown)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Unreadable:[/] {problem}");
        }

        if (tally.UnreadableLines > tally.UnreadableShown.Count)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Unreadable:[/] … and {tally.UnreadableLines - tally.UnreadableShown.Count:N0} more lines");
        }

        return cancelled ? Cancelled : Success;

        static string Progress(long evaluated) => string.Create(CultureInfo.InvariantCulture, $"Evaluated {evaluated,13:N0}");
    }

    private static Table DecisionsTable(BatchTally tally)
    {
        var table = new Table { Title = new TableTitle("Decisions") }
            .AddColumn("Decision")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Persons").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned());
        foreach (var kind in BatchTally.KindOrder)
        {
            table.AddRow(kind.ToString(), Count(tally.AccountsDecided(kind)), Count(tally.Decisions(kind)), Share(tally.Decisions(kind), tally.Total));
        }

        table.ShowFooters = true;
        table.Columns[0].Footer = new Text("Total");
        table.Columns[1].Footer = new Text(Count(tally.Accounts));
        table.Columns[2].Footer = new Text(Count(tally.Total));
        table.Columns[3].Footer = new Text(Share(tally.Total, tally.Total));
        return table;
    }

    private static Table ChannelsTable(BatchTally tally)
    {
        var table = new Table { Title = new TableTitle("Contacts by channel, escalations by kind") }
            .AddColumn("Channel")
            .AddColumn(new TableColumn("Now").RightAligned())
            .AddColumn(new TableColumn("Later").RightAligned())
            .AddColumn(new TableColumn("Total").RightAligned());
        long now = 0, later = 0;
        foreach (var (channel, counts) in tally.Contacts)
        {
            table.AddRow(channel.ToString(), Count(counts.Now), Count(counts.Later), Count(counts.Now + counts.Later));
            (now, later) = (now + counts.Now, later + counts.Later);
        }

        foreach (var (kind, counts) in tally.Escalations)
        {
            table.AddRow(Markup.Escape($"escalation: {kind}"), Count(counts.Now), Count(counts.Later), Count(counts.Now + counts.Later));
            (now, later) = (now + counts.Now, later + counts.Later);
        }

        table.ShowFooters = true;
        table.Columns[0].Footer = new Text("Total");
        table.Columns[1].Footer = new Text(Count(now));
        table.Columns[2].Footer = new Text(Count(later));
        table.Columns[3].Footer = new Text(Count(now + later));
        return table;
    }

    private static Table TimingsTable(string phase, BatchTally tally, TimeSpan producing, TimeSpan evaluating, TimeSpan elapsed)
    {
        var table = new Table { Title = new TableTitle("Throughput") }
            .AddColumn("Phase")
            .AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("Persons").RightAligned())
            .AddColumn(new TableColumn("Elapsed").RightAligned())
            .AddColumn(new TableColumn("Accounts/s").RightAligned());

        // Unreadable lines were neither produced nor evaluated, but count in the total.
        var (accounts, persons) = (tally.Accounts - tally.UnreadableLines, tally.Total - tally.UnreadableLines);
        table.AddRow(phase, Count(accounts), Count(persons), Seconds(producing), PerSecond(accounts, producing));
        table.AddRow("Evaluation", Count(accounts), Count(persons), Seconds(evaluating), PerSecond(accounts, evaluating));
        table.AddRow("Total", Count(tally.Accounts), Count(tally.Total), Seconds(elapsed), PerSecond(tally.Accounts, elapsed));
        return table;
    }

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long count, long total)
        => total == 0 ? "-" : (100.0 * count / total).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private static string PerSecond(long count, TimeSpan elapsed)
        => elapsed <= TimeSpan.Zero ? "-" : (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);

    private static Instant ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            return instant.Value;
        }

        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset)
        {
            return offset.Value.ToInstant();
        }

        result.AddError($"--now: '{text}' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z.");
        return default;
    }
}
