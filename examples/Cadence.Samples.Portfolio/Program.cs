using System.Globalization;
using System.Text;
using Cadence.Json;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.Portfolio;

/// <summary>
/// Evaluates a portfolio of accounts and persons, one JSON object per line, under the sample policy at one fixed instant,
/// and prints each decision with its explanation (for a person of several accounts, beside what deciding each account
/// alone would have proposed), then a count per kind of decision.
/// </summary>
internal static class Program
{
    /// <summary>
    /// The default evaluation instant: Monday 9 March 2026, 14:30 UTC, the day after US clocks went forward. It is 10:30
    /// in New York, 08:30 in Denver, but 07:30 in Phoenix and Los Angeles and 04:30 in Honolulu (quiet hours there).
    /// A fixed instant keeps the sample's output the same on every run.
    /// </summary>
    private static readonly Instant DefaultNow = Instant.FromUtc(2026, 3, 9, 14, 30);

    private const string SampleFileName = "sample-portfolio.jsonl";

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");

    private static readonly DecisionKind[] SummaryOrder =
        [DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error];

    private const string Usage = """
        Usage: dotnet run --project examples/Cadence.Samples.Portfolio [-- [--accounts <path>] [--now <instant>]]

          --accounts <path>   a JSON Lines file, one account or person per line (default: the bundled sample-portfolio.jsonl)
          --now <instant>     the evaluation instant, ISO 8601, e.g. 2026-03-09T14:30:00Z (default: that instant)
          --help              show this help
        """;

    private static int Main(string[] args)
    {
        // Output never depends on the machine's culture; the evaluation instant never on its clock.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        if (!TryParseArguments(args, out var accountsPath, out var now, out var problem))
        {
            if (problem.Length == 0)
            {
                Console.Out.WriteLine(Usage);
                return 0;
            }

            Console.Error.WriteLine(problem);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var displayPath = accountsPath ?? SampleFileName;
        var path = accountsPath ?? Path.Combine(AppContext.BaseDirectory, SampleFileName);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"Accounts file not found: {displayPath}");
            return 1;
        }

        var policy = SamplePolicy.Create();
        var engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanationsInBatches = true });
        List<PersonReadResult> lines;
        using (var stream = File.OpenRead(path))
        {
            lines = [.. PersonJson.ReadLines(stream)];
        }

        // Evaluate the readable accounts in one batch and the persons in another; an unreadable line keeps its place as
        // an error decision.
        var accounts = engine.EvaluateBatch(lines.Where(l => l.Account is not null).Select(l => l.Account!).ToList(), now);
        var persons = engine.EvaluateBatch(lines.Where(l => l.Person is not null).Select(l => l.Person!).ToList(), now);
        int nextAccount = 0, nextPerson = 0;
        var decisions = lines.Select(l => l.Account is not null ? accounts[nextAccount++] : l.Person is not null ? persons[nextPerson++] : l.ToErrorDecision()).ToList();

        var output = new StringBuilder();
        output.AppendLine("Cadence portfolio sample")
            .AppendLine(Invariant($"Policy:   {policy}"))
            .AppendLine(Invariant($"Engine:   {engine.Description}"))
            .AppendLine(Invariant($"Now:      {InstantPattern.ExtendedIso.Format(now)}"))
            .AppendLine(Invariant($"Accounts: {displayPath} ({lines.Count} lines: {lines.Count(l => l.Person is null)} accounts, {lines.Count(l => l.Person is not null)} persons with {lines.Sum(l => l.Person?.Accounts.Length ?? 0)} accounts)"))
            .AppendLine();

        for (var i = 0; i < lines.Count; i++)
        {
            var decision = decisions[i];
            output.AppendLine(decision.ToString());
            var person = lines[i].ToPerson();
            if (person is not null && LocalTimes(policy, person, decision.NotBefore ?? decision.ReviewAt) is { } local)
            {
                output.Append("  (local time: ").Append(local).AppendLine(")");
            }

            output.Append(decision.Explanation?.ToDisplayString());
            if (person is { Accounts.Length: > 1 })
            {
                output.AppendLine("  Account by account (each alone, with the history about it only), the same policy would propose:");
                foreach (var alone in AccountByAccount(person))
                {
                    output.AppendLine(Invariant($"    {engine.Evaluate(alone, now)}"));
                }
            }

            output.AppendLine();
        }

        var counts = decisions.CountBy(d => d.Kind).ToDictionary();
        output.Append(Invariant($"Summary ({decisions.Count} decisions):"));
        foreach (var kind in SummaryOrder)
        {
            output.Append(Invariant($" {kind}={counts.GetValueOrDefault(kind)}"));
        }

        Console.Out.WriteLine(output.ToString());
        return 0;
    }

    /// <summary>
    /// Each account of a person as a system of accounts sees it: alone, with only the attempts about it (or about every
    /// account), so that limits per person and bundling cannot apply.
    /// </summary>
    private static IEnumerable<Person> AccountByAccount(Person person)
        => person.Accounts.Select(a => person with
        {
            PersonId = a.AccountId,
            Accounts = [a],
            History = [.. person.History.Where(h => h.AccountIds.IsEmpty || (h.AccountIds.Length == 1 && h.AccountIds[0] == a.AccountId))],
        });

    /// <summary>An instant as the borrower's clocks read it, in every zone of the borrower.</summary>
    private static string? LocalTimes(CadencePolicy policy, Person person, Instant? instant)
    {
        if (instant is not { } at)
        {
            return null;
        }

        var zones = person.TimeZoneIds.IsEmpty
            ? [policy.DefaultZone]
            : person.TimeZoneIds.Select(policy.ZoneProvider.GetZoneOrNull);
        return string.Join("; ", zones.OfType<DateTimeZone>().Select(z => $"{LocalPattern.Format(at.InZone(z).LocalDateTime)} {z.Id}"));
    }

    private static bool TryParseArguments(string[] args, out string? accountsPath, out Instant now, out string problem)
    {
        accountsPath = null;
        now = DefaultNow;
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return false;
                case "--accounts" when i + 1 < args.Length:
                    accountsPath = args[++i];
                    break;
                case "--now" when i + 1 < args.Length:
                    var text = args[++i];
                    var instant = InstantPattern.ExtendedIso.Parse(text);
                    var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
                    if (instant.Success)
                    {
                        now = instant.Value;
                    }
                    else if (offset.Success)
                    {
                        now = offset.Value.ToInstant();
                    }
                    else
                    {
                        problem = $"--now: '{text}' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z";
                        return false;
                    }

                    break;
                default:
                    problem = args[i] is "--accounts" or "--now" ? $"{args[i]} needs a value" : $"Unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
