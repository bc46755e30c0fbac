using System.Collections.Immutable;
using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using Cadence.Experiments;
using Cadence.Simulation;
using NodaTime.Text;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence simulate &lt;policy.json&gt;</c>: runs a policy, or the champion against challengers, over a portfolio in
/// a closed loop; prints the variants side by side and what the compliance checker found, and writes charts and the
/// contacts per day into a folder.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The first instant simulated when <c>--start</c> is not given: Monday 2 March 2026, midnight UTC.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 3, 2, 0, 0);

    /// <summary>How many violations are printed; the rest are counted.</summary>
    public const int ViolationsShown = 20;

    /// <summary>The experiment's name when <c>--experiment</c> is not given; with the weights, it decides which accounts each variant gets.</summary>
    public const string DefaultExperiment = "simulation";

    private static readonly InstantPattern Iso = InstantPattern.General;

    public static Command Create()
    {
        var champion = new Argument<FileInfo>("policy") { Description = "The policy file; with --challenger, the champion.", HelpName = "policy.json" }.AcceptExistingOnly();
        var challengers = new Option<FileInfo[]>("--challenger")
        {
            Description = "A challenger policy file, run against the champion on its share of the accounts; repeat it for several.",
            HelpName = "policy.json",
        }.AcceptExistingOnly();
        var weights = new Option<ImmutableArray<int>>("--weights")
        {
            Description = "The variants' shares of the accounts, the champion's first: 50,50 or 80,10,10. Equal by default.",
            HelpName = "n,n",
            CustomParser = ParseWeights,
        };
        var experiment = new Option<string>("--experiment")
        {
            Description = "The experiment's name, which with the weights decides which accounts each variant gets.",
            HelpName = "name",
            DefaultValueFactory = _ => DefaultExperiment,
        };
        var accounts = new Option<int>("--accounts")
        {
            Description = "How many synthetic accounts to generate.",
            HelpName = "count",
            DefaultValueFactory = _ => 10_000,
        };
        accounts.Validators.Add(r => Range(r, r.GetValueOrDefault<int>(), 1, 10_000_000));
        var persons = new Option<int?>("--persons")
        {
            Description = "How many synthetic persons to generate instead of accounts: one to three accounts each (70/20/10 %), one to three contact points per channel.",
            HelpName = "count",
        };
        persons.Validators.Add(r => Range(r, r.GetValueOrDefault<int?>() ?? 1, 1, 10_000_000));
        var portfolio = new Option<FileInfo>("--portfolio")
        {
            Description = "The accounts and persons to simulate, JSON Lines (as for evaluate), instead of synthetic ones.",
            HelpName = "file.jsonl",
        }.AcceptExistingOnly();
        var zones = new Option<ImmutableArray<string>>("--zones")
        {
            Description = "The synthetic borrowers' zones: us, ru, or IANA zone ids separated by commas. Default: us.",
            HelpName = "us|ru|zone,zone",
            CustomParser = ParseZones,
        };
        var regions = new Option<ImmutableArray<string>>("--regions")
        {
            Description = "The synthetic persons' regions, one drawn per person: ISO 3166 codes or subdivisions separated by commas, such as US-MA,US-NY. None by default: every pack binds every person.",
            HelpName = "region,region",
            CustomParser = r => [.. r.Tokens[0].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        };
        var start = new Option<Instant>("--start")
        {
            Description = "The first instant simulated, ISO 8601; never the system clock.",
            HelpName = "instant",
            CustomParser = r => CliApp.ParseInstant(r, clock: null),
            DefaultValueFactory = _ => DefaultStart,
        };
        var days = new Option<int>("--days") { Description = "How many days to simulate.", HelpName = "days", DefaultValueFactory = _ => 90 };
        days.Validators.Add(r => Range(r, r.GetValueOrDefault<int>(), 1, 3660));
        var step = new Option<Duration?>("--step")
        {
            Description = "The step of the simulation's clock: 1h, 30m, or minutes. Default: 1h.",
            HelpName = "duration",
            CustomParser = ParseStep,
        };
        var seed = new Option<int>("--seed") { Description = "The seed of the synthetic portfolio and of the borrowers' responses.", HelpName = "n", DefaultValueFactory = _ => 1 };
        var reportingZone = new Option<DateTimeZone>("--reporting-zone")
        {
            Description = "The zone whose calendar days the contacts per day are counted in.",
            HelpName = "zone",
            CustomParser = ParseZone,
            DefaultValueFactory = _ => DateTimeZone.Utc,
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "A folder to write contacts-per-day.png/.svg, variants.png/.svg and daily.csv into; created if needed.",
            HelpName = "dir",
        };

        var command = new Command("simulate", "Runs a policy, or a champion against challengers, over a portfolio in a closed loop: prints the variants side by side and any rule the contacts broke; writes charts.")
        {
            champion, challengers, weights, experiment, accounts, persons, portfolio, zones, regions, start, days, step, seed, reportingZone, output,
        };
        command.Validators.Add(r =>
        {
            var variants = 1 + (r.GetValue(challengers)?.Length ?? 0);
            if (r.GetResult(weights) is { Implicit: false, Tokens: [var token] } && TryParseWeights(token.Value, out var w) && w.Length != variants)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--weights: {w.Length} weight{(w.Length == 1 ? string.Empty : "s")} for {variants} variant{(variants == 1 ? string.Empty : "s")}: give one for the champion and one per --challenger"));
            }

            if (r.GetResult(experiment) is { Implicit: false })
            {
                if (variants == 1)
                {
                    r.AddError("--experiment: an experiment needs at least one --challenger");
                }
                else if (string.IsNullOrWhiteSpace(r.GetValue(experiment)))
                {
                    r.AddError("--experiment: the experiment's name is blank");
                }
            }

            if (r.GetResult(persons) is { Implicit: false } && r.GetResult(accounts) is { Implicit: false })
            {
                r.AddError("--persons: give either --accounts or --persons, not both");
            }

            if (r.GetResult(regions) is { Implicit: false } && r.GetResult(persons) is not { Implicit: false } && r.GetResult(portfolio) is not { Implicit: false })
            {
                r.AddError("--regions: applies to synthetic persons: give --persons");
            }

            if (r.GetResult(portfolio) is { Implicit: false })
            {
                foreach (var option in new Option[] { accounts, persons, zones, regions })
                {
                    if (r.GetResult(option) is { Implicit: false })
                    {
                        r.AddError($"{option.Name}: applies to a synthetic portfolio, not to --portfolio");
                    }
                }
            }
        });

        command.SetAction((parsed, cancellationToken) => Task.FromResult(Run(
            new Request(
                parsed.GetRequiredValue(champion),
                parsed.GetValue(challengers) ?? [],
                parsed.GetValue(weights),
                parsed.GetValue(experiment)!,
                parsed.GetValue(accounts),
                parsed.GetValue(persons),
                parsed.GetValue(portfolio),
                parsed.GetValue(zones) is { IsDefault: false } z ? z : SyntheticPortfolioOptions.UsZones,
                parsed.GetValue(regions) is { IsDefault: false } g ? g : [],
                parsed.GetValue(start),
                parsed.GetValue(days),
                parsed.GetValue(step) ?? Duration.FromHours(1),
                parsed.GetValue(seed),
                parsed.GetValue(reportingZone)!,
                parsed.GetValue(output)),
            parsed.InvocationConfiguration,
            cancellationToken)));
        return command;
    }

    private static int Run(Request request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var policies = new List<CadencePolicy>();
        var code = CliApp.Success;
        foreach (var file in request.Policies)
        {
            var read = CliApp.ReadPolicy(file, console.Error, out var policy);
            if (read == CliApp.Usage)
            {
                return read;
            }

            code = Math.Max(code, read);
            if (policy is not null)
            {
                policies.Add(policy);
            }
        }

        if (code != CliApp.Success)
        {
            return code;
        }

        var names = policies.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == policies.Count
            ? policies.Select(p => p.Name).ToList()
            : [.. policies.Select((_, i) => i == 0 ? "champion" : policies.Count == 2 ? "challenger" : string.Create(CultureInfo.InvariantCulture, $"challenger-{i}"))];
        var weights = request.Weights.IsDefault ? [.. policies.Select(_ => 1)] : request.Weights;
        var experiment = policies.Count > 1
            ? new Experiment(request.Experiment, policies.Select((p, i) => new ExperimentVariant(names[i], p, weights[i])))
            : null;

        var (portfolio, portfolioDescription, readCode) = Portfolio(request, console.Error);
        if (portfolio is null)
        {
            return readCode;
        }

        var options = new SimulationOptions
        {
            Start = request.Start,
            End = request.Start + Duration.FromDays(request.Days),
            Step = request.Step,
            Seed = request.Seed,
            ReportingZone = request.ReportingZone,
        };
        var simulator = experiment is null ? new PortfolioSimulator(policies[0]) : new PortfolioSimulator(experiment);
        var result = simulator.Run(portfolio, options, cancellationToken);
        var header = new[]
        {
            $"Portfolio:  {portfolioDescription}",
            string.Create(CultureInfo.InvariantCulture, $"Period:     {Iso.Format(options.Start)} to {Iso.Format(options.End)} ({request.Days} day{(request.Days == 1 ? string.Empty : "s")}), step {FormatStep(options.Step)}, seed {options.Seed}, days counted in {options.ReportingZone.Id}"),
            experiment is null
                ? $"Policy:     {names[0]}"
                : string.Create(CultureInfo.InvariantCulture, $"Experiment: '{experiment.Name}': {string.Join(", ", experiment.Variants.Select((v, i) => $"{v.Name} ({(i == 0 ? "champion" : "challenger")}, weight {v.Weight}{(v.Name == v.Policy.Name ? string.Empty : $", policy {v.Policy.Name}")})"))}"),
        };
        return Report(result, header, names[0], request.Output, console);
    }

    /// <summary>
    /// Prints a run: <paramref name="header"/>, the variants side by side and the count of evaluations and violations;
    /// writes the charts and the CSV into <paramref name="directory"/>, if given; prints the first violations on the
    /// error writer.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="header">Lines describing the run, printed first.</param>
    /// <param name="runLabel">The name of the accounts' column for a run without an experiment.</param>
    /// <param name="directory">The folder for the charts and the CSV; none to write no file.</param>
    /// <param name="console">Where to print.</param>
    /// <returns><see cref="CliApp.Invalid"/> if the checker found violations, <see cref="CliApp.Usage"/> if a file cannot be written, <see cref="CliApp.Success"/> otherwise.</returns>
    public static int Report(SimulationResult result, IEnumerable<string> header, string runLabel, DirectoryInfo? directory, InvocationConfiguration console)
    {
        string LabelOf(string? variant) => variant ?? runLabel;
        var output = console.Output;
        foreach (var line in header)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.Write(SimulationReport.Table(result, LabelOf));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Evaluations: {result.Evaluations}. Violations found by the compliance checker: {result.Violations.Length}."));

        if (directory is not null && !WriteFiles(result, LabelOf, directory, console))
        {
            return CliApp.Usage;
        }

        if (result.Violations.IsEmpty)
        {
            return CliApp.Success;
        }

        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cadence: the compliance checker found {result.Violations.Length} violation{(result.Violations.Length == 1 ? string.Empty : "s")}:"));
        foreach (var violation in result.Violations.Take(ViolationsShown))
        {
            console.Error.WriteLine("  " + violation);
        }

        if (result.Violations.Length > ViolationsShown)
        {
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ({result.Violations.Length - ViolationsShown} more not shown)"));
        }

        return CliApp.Invalid;
    }

    private static (IReadOnlyList<Person>? Persons, string Description, int Code) Portfolio(Request request, TextWriter stderr)
    {
        if (request.Portfolio is not { } file)
        {
            var options = new SyntheticPortfolioOptions { Zones = request.Zones, Regions = request.Regions };
            var zones = request.Zones.SequenceEqual(SyntheticPortfolioOptions.UsZones) ? "US zones"
                : request.Zones.SequenceEqual(SyntheticPortfolioOptions.RussianZones) ? "Russian zones"
                : string.Join(", ", request.Zones);
            if (request.Persons is { } count)
            {
                var generated = SyntheticPortfolio.GeneratePersons(count, request.Start, request.Seed, options);
                var living = request.Regions.IsEmpty ? string.Empty : $", regions {string.Join(", ", request.Regions)}";
                return (generated, string.Create(CultureInfo.InvariantCulture, $"{count} synthetic persons with {generated.Sum(p => p.Accounts.Length)} accounts (seed {request.Seed}, {zones}{living})"), CliApp.Success);
            }

            var accounts = SyntheticPortfolio.Generate(request.Accounts, request.Start, request.Seed, options);
            return ([.. accounts.Select(Person.FromAccount)], string.Create(CultureInfo.InvariantCulture, $"{request.Accounts} synthetic accounts (seed {request.Seed}, {zones})"), CliApp.Success);
        }

        if (!CliApp.TryRead(file, stderr, () => CliApp.ReadRecordLines(file), out var records))
        {
            return (null, string.Empty, CliApp.Usage);
        }

        foreach (var error in records.SelectMany(r => r.Errors))
        {
            stderr.WriteLine($"{file}: {error}");
        }

        if (records.Any(r => !r.Success))
        {
            return (null, string.Empty, CliApp.Invalid);
        }

        var persons = records.Select(r => r.ToPerson()!).ToList();
        var accountCount = persons.Sum(p => p.Accounts.Length);
        var description = records.All(r => r.Person is null)
            ? string.Create(CultureInfo.InvariantCulture, $"{records.Count} accounts from {file}")
            : string.Create(CultureInfo.InvariantCulture, $"{persons.Count} person{(persons.Count == 1 ? string.Empty : "s")} with {accountCount} accounts from {file}");
        return (persons, description, CliApp.Success);
    }

    private static bool WriteFiles(SimulationResult result, Func<string?, string> labelOf, DirectoryInfo directory, InvocationConfiguration console)
    {
        try
        {
            directory.Create();
            var files = new SimulationCharts(result, labelOf(null)).Write(directory.FullName).ToList();
            var csv = Path.Combine(directory.FullName, "daily.csv");
            using (var writer = new StreamWriter(csv, append: false))
            {
                SimulationReport.WriteDailyCsv(result, labelOf, writer);
            }

            files.Add(csv);
            console.Output.WriteLine($"Wrote {string.Join(", ", files.Select(Path.GetFileName))} to {directory}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cadence: cannot write to {directory}: {e.Message}");
            return false;
        }
    }

    private static string FormatStep(Duration step)
        => step.TotalMinutes % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{step.TotalMinutes / 60:0}h")
            : string.Create(CultureInfo.InvariantCulture, $"{step.TotalMinutes:0}m");

    private static void Range(OptionResult result, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.Option.Name}: {value} is not between {min} and {max}"));
        }
    }

    private static ImmutableArray<int> ParseWeights(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (TryParseWeights(text, out var weights))
        {
            return weights;
        }

        result.AddError($"--weights: '{text}' is not a list of whole numbers of at least 1 separated by commas, such as 50,50");
        return default;
    }

    private static bool TryParseWeights(string text, out ImmutableArray<int> weights)
    {
        var parsed = ImmutableArray.CreateBuilder<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight < 1)
            {
                weights = default;
                return false;
            }

            parsed.Add(weight);
        }

        weights = parsed.ToImmutable();
        return true;
    }

    internal static ImmutableArray<string> ParseZones(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        switch (text)
        {
            case "us":
                return SyntheticPortfolioOptions.UsZones;
            case "ru":
                return SyntheticPortfolioOptions.RussianZones;
        }

        var zones = text.Split(',', StringSplitOptions.TrimEntries);
        var unknown = zones.Where(z => DateTimeZoneProviders.Tzdb.GetZoneOrNull(z) is null).ToList();
        if (unknown.Count > 0)
        {
            result.AddError($"--zones: {string.Join(", ", unknown.Select(z => $"'{z}'"))} {(unknown.Count == 1 ? "is not an IANA time zone" : "are not IANA time zones")}; give us, ru, or zone ids such as America/Chicago,America/Denver");
            return default;
        }

        return [.. zones];
    }

    private static DateTimeZone ParseZone(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(text) is { } zone)
        {
            return zone;
        }

        result.AddError($"--reporting-zone: '{text}' is not an IANA time zone such as UTC or America/New_York");
        return DateTimeZone.Utc;
    }

    private static Duration? ParseStep(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var (number, unit) = text.EndsWith('h') ? (text[..^1], 60) : text.EndsWith('m') ? (text[..^1], 1) : (text, 1);
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && (long)count * unit is >= 1 and <= 24 * 60)
        {
            return Duration.FromMinutes((long)count * unit);
        }

        result.AddError($"--step: '{text}' is not a step between 1m and 24h, such as 1h, 30m or 15");
        return default;
    }

    /// <summary>What the command line asks for.</summary>
    private sealed record Request(
        FileInfo Champion,
        FileInfo[] Challengers,
        ImmutableArray<int> Weights,
        string Experiment,
        int Accounts,
        int? Persons,
        FileInfo? Portfolio,
        ImmutableArray<string> Zones,
        ImmutableArray<string> Regions,
        Instant Start,
        int Days,
        Duration Step,
        int Seed,
        DateTimeZone ReportingZone,
        DirectoryInfo? Output)
    {
        public IEnumerable<FileInfo> Policies => Challengers.Prepend(Champion);
    }
}
