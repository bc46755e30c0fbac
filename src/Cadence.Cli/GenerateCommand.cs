using System.Collections.Immutable;
using System.CommandLine;
using Cadence.Json;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence generate --persons &lt;count&gt;</c>: writes a seeded synthetic portfolio of persons as JSON Lines, of any
/// size, in constant memory: the reference workload's shape by default, to try evaluation at scale.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>The instant the portfolio is taken at when <c>--start</c> is not given: the examples' Monday 9 March 2026, 14:30 UTC.</summary>
    public static readonly Instant DefaultStart = Instant.FromUtc(2026, 3, 9, 14, 30);

    public static Command Create()
    {
        var persons = new Option<long>("--persons")
        {
            Description = "How many persons to generate: one to three accounts each (70/20/10 %), one to three contact points per channel.",
            HelpName = "count",
            Required = true,
        };
        persons.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() is < 1 or > 10_000_000_000)
            {
                r.AddError(System.FormattableString.Invariant($"--persons: {r.GetValueOrDefault<long>()} is not between 1 and 10000000000"));
            }
        });
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed gives the same file on every machine.", HelpName = "n", DefaultValueFactory = _ => 1 };
        var start = new Option<Instant>("--start")
        {
            Description = "The instant the portfolio is taken at (histories end before it), ISO 8601; never the system clock.",
            HelpName = "instant",
            CustomParser = r => CliApp.ParseInstant(r, clock: null),
            DefaultValueFactory = _ => DefaultStart,
        };
        var zones = new Option<ImmutableArray<string>>("--zones")
        {
            Description = "The persons' zones: us, ru, or IANA zone ids separated by commas. Default: the reference workload's ten zones.",
            HelpName = "us|ru|zone,zone",
            CustomParser = SimulateCommand.ParseZones,
        };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Writes the portfolio to this file instead of the standard output.", HelpName = "file" };
        var command = new Command("generate", "Writes a seeded synthetic portfolio of persons as JSON Lines, of any size, to try evaluation at scale.")
        {
            persons, seed, start, zones, output,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var options = parsed.GetValue(zones) is { IsDefault: false } z ? SyntheticPortfolioOptions.Reference with { Zones = z } : SyntheticPortfolioOptions.Reference;
            var portfolio = SyntheticPortfolio.EnumeratePersons(parsed.GetValue(persons), parsed.GetValue(start), parsed.GetValue(seed), options);
            return Task.FromResult(AtomicOutput.Write(parsed.GetValue(output), parsed.InvocationConfiguration, writer =>
            {
                foreach (var person in portfolio)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Write(PersonJson.Write(person));
                    writer.Write('\n');
                }

                return CliApp.Success;
            }));
        });
        return command;
    }
}
