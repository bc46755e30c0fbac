using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests;

public sealed class CadenceEngineSmokeTests
{
    [Fact]
    public void Evaluate_PreDueWeek_ProposesTheEmail()
    {
        var engine = new CadenceEngine(Policies.SeedCadence());
        var now = Local("America/New_York", 2026, 3, 3, 10);
        var decision = engine.Evaluate(Borrower("A-1", new LocalDate(2026, 3, 10), "America/New_York"), now);
        Assert.Equal(DecisionKind.Contact, decision.Kind);
        Assert.Equal("email-pre-due", decision.Step!.Id);
        Assert.Equal(now, decision.NotBefore);
        Console.WriteLine(decision);
        Console.WriteLine(engine.Description);
        Console.WriteLine(decision.Explanation!.ToDisplayString());
    }
}
