using NodaTime;

namespace Cadence.Tests.Model;

public sealed class BorrowerStateTests
{
    private static BorrowerState Make() => new("A-1")
    {
        TimeZoneIds = ["America/New_York"],
        DueDate = new LocalDate(2026, 6, 10),
        AmountDue = new Money(10m, "USD"),
        ContactPoints = [new ContactPoint(Channel.Sms) { ConsentGiven = true }],
        Holds = [new Hold(HoldKind.Dispute, Instant.FromUtc(2026, 6, 1, 0, 0))],
        Tags = ["prime"],
        History = [new ContactAttempt(Instant.FromUtc(2026, 6, 2, 10, 0), Channel.Sms)],
    };

    [Fact]
    public void Equals_TwoStatesBuiltAlike_AreEqualElementByElement()
    {
        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { Tags = ["subprime"] });
        Assert.NotEqual(Make(), Make() with { History = [] });
    }

    [Fact]
    public void Collections_LeftUnset_AreEmptyNotDefault()
    {
        var state = new BorrowerState("A-2") { History = default, Holds = default };

        Assert.Empty(state.History);
        Assert.Empty(state.Holds);
        Assert.Empty(state.TimeZoneIds);
        Assert.Equal(new BorrowerState("A-2"), state);
    }
}
