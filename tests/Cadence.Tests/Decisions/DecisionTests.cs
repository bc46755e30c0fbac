using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Decisions;

public sealed class DecisionTests
{
    [Fact]
    public void Failed_IsAnErrorWithoutAStep()
    {
        var d = Decision.Failed("line 7", ReasonCode.InvalidAccount, "line 7, $.dueDate: not a date");

        Assert.Equal(DecisionKind.Error, d.Kind);
        Assert.Null(d.Step);
        Assert.Null(d.Channel);
        Assert.Null(d.NotBefore);
        Assert.Equal("line 7: Error: line 7, $.dueDate: not a date", d.ToString());
    }

    [Fact]
    public void ToDisplayString_ListsEveryCandidateWithItsRules()
    {
        var engine = new CadenceEngine(Policies.SeedCadence());
        var account = Borrower("A", new LocalDate(2026, 6, 10), "America/New_York").WithPoint(new ContactPoint(Channel.Sms) { OptedOut = true });

        var text = engine.Evaluate(account, Local("America/New_York", 2026, 6, 11, 22)).Explanation!.ToDisplayString();

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "  - NoStepDue by step:call-overdue until 2026-06-13T04:00:00Z",
                "  * sms-overdue [Sms] Blocked",
                "      OptedOut by guard:opted-out",
                string.Empty),
            text);
    }

    [Fact]
    public void Decisions_WithTheSameFields_AreEqual()
    {
        var engine = new CadenceEngine(Policies.SeedCadence(), new CadenceEngineOptions { IncludeExplanations = false });
        var account = Borrower("A", new LocalDate(2026, 6, 10), "America/New_York");
        var now = Local("America/New_York", 2026, 6, 11, 10);

        Assert.Equal(engine.Evaluate(account, now), engine.Evaluate(account, now));
        Assert.Equal(now, engine.Evaluate(account, now).NotBefore);
        Assert.Equal(Duration.Zero, engine.Evaluate(account, now).NotBefore!.Value - now);
    }
}
