using Cadence.Evaluation.Facts;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Evaluation.Facts;

public sealed class AccountValidatorTests
{
    private static readonly CadencePolicy Policy = Support.Policies.Single(CadenceStep.Contact("sms", Channel.Sms, "t", 0, 30));

    private static BorrowerState Valid() => Borrower("A-1", new LocalDate(2026, 6, 10), "UTC");

    private static BorrowerState Broken() => new("A-2")
    {
        TimeZoneIds = ["Mars/Olympus"],
        ContactPoints = [new ContactPoint(Channel.Sms), new ContactPoint(Channel.Sms), new ContactPoint(Channel.None)],
        Holds = [new Hold(HoldKind.Dispute, At("2026-06-10T00:00:00Z"), At("2026-06-01T00:00:00Z"))],
        History = [new ContactAttempt(At("2026-06-10T00:00:00Z"), (Channel)42)],
    };

    [Fact]
    public void Check_AValidAccount_PassesWithNoProblem()
    {
        var problems = new List<string>();

        Assert.True(AccountValidator.Check(Policy, Valid(), problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void Check_AnInvalidAccountWithACollector_CollectsEveryProblemInOrder()
    {
        var problems = new List<string>();

        Assert.False(AccountValidator.Check(Policy, Broken(), problems));
        Assert.Equal(
            [
                "timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone",
                "contactPoints[1] is a second contact point for Sms",
                "contactPoints[2] has no valid channel",
                "holds[0] ('dispute') ends (2026-06-01T00:00:00Z) before it starts (2026-06-10T00:00:00Z)",
                "history[0] has an unknown channel, direction or outcome",
            ],
            problems);
    }

    [Fact]
    public void Check_WithoutACollector_SaysInvalidAsWell()
        => Assert.False(AccountValidator.Check(Policy, Broken(), null));

    [Fact]
    public void Describe_NamesTheAccountAndEveryProblem()
        => Assert.StartsWith("account 'A-2': timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone; contactPoints[1]", AccountValidator.Describe(Policy, Broken()), StringComparison.Ordinal);

    [Fact]
    public void Check_AValidAccountWithoutACollector_AllocatesNothing()
    {
        var account = Valid();
        AccountValidator.Check(Policy, account, null);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            AccountValidator.Check(Policy, account, null);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TheRangeChecksOfEnums_CoverEveryValueTheyKnow()
    {
        // The validator checks enum values by range (fast, on the hot path): a value added at the end must widen it.
        Assert.Equal(Channel.Push, Enum.GetValues<Channel>().Max());
        Assert.Equal(ContactDirection.Inbound, Enum.GetValues<ContactDirection>().Max());
        Assert.Equal(ContactOutcome.Unknown, Enum.GetValues<ContactOutcome>().Max());
        Assert.Equal(ContactPointKind.Other, Enum.GetValues<ContactPointKind>().Max());
        Assert.Equal((int)ContactOutcome.Unknown + 1, Enum.GetValues<ContactOutcome>().Length);
        Assert.Equal((int)ContactPointKind.Other + 1, Enum.GetValues<ContactPointKind>().Length);
    }
}
