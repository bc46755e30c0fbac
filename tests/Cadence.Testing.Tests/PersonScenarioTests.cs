using Cadence.Testing.Tests.Support;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class PersonScenarioTests
{
    [Fact]
    public void ToString_ShowsTheInstantInThePersonsZoneThePolicyAndThePersonLineByLine()
    {
        var at = Instant.FromUtc(2026, 3, 29, 0, 30);
        var person = new Person("P-7")
        {
            TimeZoneIds = ["Europe/London"],
            Regions = ["US-MA"],
            Holds = [new Hold(HoldKind.Dispute, at, null)],
            ContactPoints = [new ContactPoint(Channel.Call) { Id = "mob", Kind = ContactPointKind.Mobile }],
            Accounts = [new Account("L-1") { DueDate = new LocalDate(2026, 3, 1), AmountDue = new Money(250m, "USD") }, new Account("L-2")],
            History = [new ContactAttempt(at - Duration.FromHours(2), Channel.Call) { ContactPointId = "mob", AccountIds = ["L-2"] }],
        };

        var lines = new PersonScenario(SamplePolicies.AcmeUs, person, at).ToString().Split(Environment.NewLine);

        Assert.Equal("now = 2026-03-29T00:30:00Z (2026-03-29 00:30 Sun Europe/London)", lines[0]);
        Assert.StartsWith("policy 'acme-lending-us'", lines[1], StringComparison.Ordinal);
        Assert.Contains("person P-7: zones [Europe/London], regions [US-MA], tags []", lines);
        Assert.Contains(lines, l => l.StartsWith("  person hold dispute: [2026-03-29T00:30:00Z", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  account L-1: due 2026-03-01, amount 250", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  account L-2: due - (nothing owed)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  contact point mob: Call Mobile, no consent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  history 2026-03-28T22:30:00Z (2026-03-28 22:30 Sat Europe/London) Call on mob about accounts [L-2] Outbound", StringComparison.Ordinal));
    }
}
