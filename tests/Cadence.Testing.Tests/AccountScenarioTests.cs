using Cadence.Testing.Tests.Support;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class AccountScenarioTests
{
    [Fact]
    public void ToString_ShowsTheInstantInTheBorrowersZoneThePolicyAndTheAccount()
    {
        var scenario = new AccountScenario(SamplePolicies.AcmeUs, new BorrowerState("acct") { TimeZoneIds = ["Europe/London"] }, Instant.FromUtc(2026, 3, 29, 0, 30));

        var lines = scenario.ToString().Split(Environment.NewLine);

        Assert.Equal("now = 2026-03-29T00:30:00Z (2026-03-29 00:30 Sun Europe/London)", lines[0]);
        Assert.StartsWith("policy 'acme-lending-us'", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("account acct: zones [Europe/London], due - (nothing owed)", StringComparison.Ordinal));
    }
}
