// Uses each package the way a lender would, and fails loudly if anything is missing or wrong.
using Cadence;
using Cadence.Experiments;
using Cadence.Json;
using Cadence.Simulation;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

var now = Instant.FromUtc(2026, 3, 9, 14, 30);
var policy = PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "acme-us.policy.json"));

using var services = new ServiceCollection().AddCadence(policy).BuildServiceProvider();
var engine = services.GetRequiredService<ICadenceEngine>();

var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl")).Where(l => l.Length > 0).ToList();
var accounts = new List<BorrowerState>();
foreach (var line in lines)
{
    if (AccountJson.Read(line) is { Account: { } account })
    {
        accounts.Add(account);
    }
}

var decisions = engine.EvaluateBatch(accounts, now);
Check(decisions.Length == accounts.Count && accounts.Count > 0, $"{decisions.Length} decisions for {accounts.Count} accounts");
Check(decisions.Any(d => d.Kind == DecisionKind.Contact), "no contact decided");
Check(decisions.All(d => DecisionJson.Read(DecisionJson.Write(d), policy) == d), "a decision written and read back changed");

var start = Instant.FromUtc(2026, 3, 2, 0, 0);
var experiment = new Experiment("smoke", [new ExperimentVariant("champion", policy), new ExperimentVariant("copy", policy)]);
var simulation = new PortfolioSimulator(experiment).Run(
    SyntheticPortfolio.Generate(200, start, seed: 1),
    new SimulationOptions { Start = start, End = start + Duration.FromDays(7), Seed = 1 });
Check(simulation.Violations.IsEmpty && simulation.Contacts.Any(), $"{simulation.Violations.Length} violations, {simulation.Contacts.Count()} contacts");

#if CADENCE_TESTING
FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(30), Cadence.Testing.PolicyProperties.For(policy).NeverOutsideAWindow());
#endif

Console.WriteLine($"package smoke ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {AppContext.TargetFrameworkName}): {decisions.Length} decisions, {simulation.Contacts.Count()} simulated contacts, 0 violations");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.Error.WriteLine("package smoke failed: " + what);
        Environment.Exit(1);
    }
}
