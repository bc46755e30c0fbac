using Cadence.Json;
using Cadence.Jurisdictions;
using NodaTime;

namespace Cadence.Simulation.Tests;

/// <summary>
/// The closed-loop guarantee for persons at portfolio scale: 10 000 persons of one to three accounts (70/20/10 %) with
/// one to three points per channel, followed for 90 days hour by hour under a lender's policy on each jurisdiction
/// pack; the independent checker finds no violation at any scope (person, account, contact point).
/// </summary>
public sealed class PersonClosedLoopTests
{
    private const int Persons = 10_000;
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static CadencePolicy Sample(string name) => PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", name));

    private static SimulationResult Simulate(CadencePolicy policy, SyntheticPortfolioOptions portfolio, int seed)
        => new PortfolioSimulator(policy).Run(
            SyntheticPortfolio.GeneratePersons(Persons, Start, seed, portfolio),
            new SimulationOptions { Start = Start, End = Start + Duration.FromDays(90), Seed = seed },
            TestContext.Current.CancellationToken);

    private static void AssertNoViolation(SimulationResult result, bool calls = true)
    {
        var summary = result.Variants.Single();
        Assert.True(result.Violations.IsEmpty, $"{result.Violations.Length} violations, first:{Environment.NewLine}{string.Join(Environment.NewLine, result.Violations.Take(20))}");

        // The run is not vacuous: persons of several accounts get contacts about one of them and about several, on
        // points other than their first, and borrowers talk, promise and pay.
        Assert.Equal(Persons, summary.Persons);
        Assert.InRange(summary.Accounts, Persons * 13 / 10, Persons * 15 / 10);
        Assert.True(summary.Contacts > Persons * 3, $"only {summary.Contacts} contacts");
        var contacts = result.PersonContacts.Where(c => c.Person.Initial.Accounts.Length > 1).Select(c => c.Contact.Attempt).ToList();
        Assert.Contains(contacts, a => a.AccountIds.Length == 1);
        Assert.Contains(result.PersonContacts, c => c.Contact.Attempt.ContactPointId is { } id && !id.EndsWith("-1", StringComparison.Ordinal));
        if (calls)
        {
            Assert.True(summary.ContactsByChannel.GetValueOrDefault(Channel.Call) > Persons, $"only {summary.ContactsByChannel.GetValueOrDefault(Channel.Call)} calls");
        }

        Assert.True(summary.Conversations > 0 && summary.Promises > 0 && summary.Payments > 0, $"{summary}");
    }

    [Fact]
    public void TenThousandPersonsForNinetyDays_UnderRegulationF_BreakNoRule()
        => AssertNoViolation(Simulate(Sample("acme-us.policy.json"), new SyntheticPortfolioOptions(), seed: 2026));

    [Fact]
    public void TenThousandPersonsForNinetyDays_UnderRegulationFAndMassachusetts_BreakNoRule()
        => AssertNoViolation(Simulate(
            CadencePolicy.Compose("acme-us-ma", Sample("acme-us.policy.json"), JurisdictionPacks.UsMassachusetts()),
            new SyntheticPortfolioOptions { Zones = ["America/New_York"], Regions = ["US-MA", "US-NY", "US"] },
            seed: 1978));

    [Fact]
    public void TenThousandPersonsForNinetyDays_UnderFederalLaw230_BreakNoRule()
        => AssertNoViolation(Simulate(Sample("ru-lender.policy.json"), new SyntheticPortfolioOptions { Zones = SyntheticPortfolioOptions.RussianZones, Currency = "RUB" }, seed: 230));

    [Fact]
    public void TenThousandPersonsForNinetyDays_UnderTheChinesePack_BreakNoRule()
        => AssertNoViolation(Simulate(Sample("cn-lender.policy.json"), new SyntheticPortfolioOptions { Zones = ["Asia/Shanghai", "Asia/Urumqi"], Currency = "CNY" }, seed: 86));

    [Fact]
    public void TenThousandPersonsForNinetyDays_UnderTheUnitedKingdomPack_BreakNoRule()
        => AssertNoViolation(Simulate(Sample("uk-lender.policy.json"), new SyntheticPortfolioOptions { Zones = ["Europe/London"], Currency = "GBP" }, seed: 44), calls: false);
}
