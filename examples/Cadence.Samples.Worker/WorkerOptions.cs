using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.Worker;

/// <summary>
/// The worker's settings, read from the configuration section <c>Worker</c>: the command line
/// (<c>--speed 3600</c>), environment variables (<c>Worker__Speed=3600</c>) or <c>appsettings.json</c>.
/// </summary>
internal sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>The instant the sample portfolio was written for: Monday 9 March 2026, 14:30 UTC.</summary>
    public const string SampleStart = "2026-03-09T14:30:00Z";

    /// <summary>The command-line switches and the settings they set.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--accounts"] = $"{SectionName}:{nameof(Accounts)}",
        ["--persons"] = $"{SectionName}:{nameof(Accounts)}",
        ["--policy"] = $"{SectionName}:{nameof(Policy)}",
        ["--start"] = $"{SectionName}:{nameof(Start)}",
        ["--speed"] = $"{SectionName}:{nameof(Speed)}",
        ["--run-for"] = $"{SectionName}:{nameof(RunFor)}",
        ["--ledger"] = $"{SectionName}:{nameof(Ledger)}",
    };

    /// <summary>The ledger file the worker uses when none is named: in the current directory.</summary>
    public const string DefaultLedger = "cadence-worker.ledger.db";

    /// <summary>The value of <see cref="Ledger"/> that runs the worker without a ledger.</summary>
    public const string NoLedger = "none";

    /// <summary>
    /// The persons and accounts, JSON Lines (<c>--accounts</c> or <c>--persons</c>): person records and account records
    /// in any mix, an account being a person of one account; by default the sample portfolio next to the program.
    /// </summary>
    public string Accounts { get; set; } = Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl");

    /// <summary>The policy file; by default the sample lender's US policy next to the program.</summary>
    public string Policy { get; set; } = Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json");

    /// <summary>What the worker's clock reads when it starts, ISO 8601; <c>now</c> for the system clock. The sample portfolio's instant by default.</summary>
    public string Start { get; set; } = SampleStart;

    /// <summary>How many seconds of the worker's clock pass per real second; 1 by default, 3600 for an hour per second.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>How long (real time) the worker runs before it stops by itself; until stopped when not set.</summary>
    public TimeSpan? RunFor { get; set; }

    /// <summary>
    /// The contact ledger's SQLite file (<c>--ledger</c>), created if there is none (its folder must exist); a relative
    /// path is taken from the current directory. <c>none</c> runs the worker without a ledger, the history kept in memory.
    /// </summary>
    public string Ledger { get; set; } = DefaultLedger;

    /// <summary>The ledger file; <see langword="null"/> for <c>none</c>.</summary>
    public string? LedgerFile => string.Equals(Ledger, NoLedger, StringComparison.OrdinalIgnoreCase) ? null : Ledger;

    /// <summary>The start instant; <see langword="null"/> for <c>now</c>.</summary>
    /// <returns>The instant.</returns>
    /// <exception cref="FormatException">The start is neither an ISO 8601 instant nor <c>now</c>.</exception>
    public Instant? ParseStart()
    {
        if (Start == "now")
        {
            return null;
        }

        if (InstantPattern.ExtendedIso.Parse(Start) is { Success: true } instant)
        {
            return instant.Value;
        }

        return OffsetDateTimePattern.ExtendedIso.Parse(Start) is { Success: true } offset
            ? offset.Value.ToInstant()
            : throw new FormatException($"--start: '{Start}' is not an ISO 8601 instant such as {SampleStart}, nor 'now'.");
    }

    /// <summary>Every problem with the settings.</summary>
    /// <returns>The problems; empty when there is none.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!File.Exists(Accounts))
        {
            problems.Add($"--accounts: file not found: {Accounts}");
        }

        if (!File.Exists(Policy))
        {
            problems.Add($"--policy: file not found: {Policy}");
        }

        if (string.IsNullOrWhiteSpace(Ledger))
        {
            problems.Add($"--ledger: give a file, or '{NoLedger}' to run without a ledger.");
        }
        else if (LedgerFile is { } file && (Directory.Exists(file) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file)))))
        {
            problems.Add(Directory.Exists(file) ? $"--ledger: {file} is a folder, not a file." : $"--ledger: folder not found for {file}");
        }

        try
        {
            ParseStart();
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
        }

        if (!(Speed > 0) || double.IsInfinity(Speed))
        {
            problems.Add($"--speed: {Speed} is not a positive number of clock seconds per real second.");
        }

        if (RunFor is { } runFor && runFor <= TimeSpan.Zero)
        {
            problems.Add($"--run-for: {runFor} is not a positive duration such as 00:00:30.");
        }

        return problems;
    }
}
