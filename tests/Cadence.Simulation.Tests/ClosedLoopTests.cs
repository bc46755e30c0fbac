using Cadence.Json;
using NodaTime;

namespace Cadence.Simulation.Tests;

/// <summary>
/// The closed-loop guarantee at portfolio scale: 10 000 accounts followed for 90 days, hour by hour, under a lender's
/// policy on the US Regulation F pack and on the Russian 230-FZ pack; the independent checker finds no violation.
/// </summary>
public sealed class ClosedLoopTests
{
    private const int Accounts = 10_000;
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static CadencePolicy Sample(string name) => PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", name));

    private static SimulationResult Simulate(string policyFile, SyntheticPortfolioOptions portfolio, int seed)
        => new PortfolioSimulator(Sample(policyFile)).Run(
            SyntheticPortfolio.Generate(Accounts, Start, seed, portfolio),
            new SimulationOptions { Start = Start, End = Start + Duration.FromDays(90), Seed = seed },
            TestContext.Current.CancellationToken);

    private static void AssertNoViolation(SimulationResult result)
    {
        var summary = result.Variants.Single();
        Assert.True(result.Violations.IsEmpty, $"{result.Violations.Length} violations, first:{Environment.NewLine}{string.Join(Environment.NewLine, result.Violations.Take(20))}");

        // The run is not vacuous: every channel of the cadence is used, and borrowers talk, promise and pay.
        Assert.True(summary.Contacts > Accounts * 5, $"only {summary.Contacts} contacts");
        Assert.True(summary.ContactsByChannel.GetValueOrDefault(Channel.Call) > Accounts, $"only {summary.ContactsByChannel.GetValueOrDefault(Channel.Call)} calls");
        Assert.True(summary.Conversations > 0 && summary.Promises > 0 && summary.Payments > 0, $"{summary}");
    }

    [Fact]
    public void TenThousandAccountsForNinetyDays_UnderRegulationF_BreakNoRule()
        => AssertNoViolation(Simulate("acme-us.policy.json", new SyntheticPortfolioOptions(), seed: 2026));

    [Fact]
    public void TenThousandAccountsForNinetyDays_UnderFederalLaw230_BreakNoRule()
        => AssertNoViolation(Simulate("ru-lender.policy.json", new SyntheticPortfolioOptions { Zones = SyntheticPortfolioOptions.RussianZones, Currency = "RUB" }, seed: 230));
}
